import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { RunningAdapter } from "../../src/adapters/contract.js";
import { registerCommands } from "../../src/adapters/discord/register.js";
import { renderThread } from "../../src/adapters/discord/render/thread.js";
import type { DiscordSettings } from "../../src/adapters/discord/settings.js";
import { start } from "../../src/adapters/discord/start.js";
import { type BotOptions, createBot } from "../../src/core/answer.js";
import type { ThreadPlan } from "../../src/core/reply.js";
import { storeRecords } from "../../src/state/records.js";
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type InteractionRecord,
  type InteractSpec,
} from "../fakes/discord/index.js";
import { blockQuotes, plain } from "../fakes/discord/markdown.js";
import { article, commands, run } from "./article.js";
import { testHost } from "./host.js";
import { keptLog } from "./log-lines.js";
import { cleanEnv } from "./process.js";
import { type RunningProcess, startProcess } from "./running-process.js";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface DiscordHarness {
  fake: FakeDiscord;
  bot: RunningAdapter;
  config: DiscordSettings;
  logs: LogLine[];
  close(): Promise<void>;
}

export const configFor = (fake: FakeDiscord, guild = true): DiscordSettings => ({
  token: fake.token,
  applicationId: fake.state.applicationId,
  guildId: guild ? fake.state.guildId : undefined,
  apiUrl: fake.apiUrl,
});

/** A fake Discord with this project's commands registered in its guild, as `npm run register` does. */
export async function startRegisteredFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start(options);
  await registerCommands(configFor(fake), commands);
  return fake;
}

/** The bot's own settings for a harness: a cooldown, and previews on a test clock. */
export type HarnessExtra = Pick<BotOptions, "cooldown" | "confirm" | "ingest"> & { records?: true };

/**
 * A fake Discord with this project's commands registered in its guild (through the same code as
 * `npm run register`) and the real Discord adapter, in this process, logged in to it.
 */
export async function startHarness(
  options: FakeDiscordOptions = {},
  extra: HarnessExtra = {},
): Promise<DiscordHarness> {
  const fake = await startRegisteredFake(options);
  const config = configFor(fake);
  const { logs, log } = keptLog<LogLine>();
  // Discord serves no HTTP routes of its own, so it never asks the host for the other adapters.
  const host = testHost();
  const { records, ...rest } = extra;
  const kept = records ? storeRecords(host.state, log) : {};
  const bot = await start(createBot({ article, commands, log, ...rest, ...kept }), config, host);
  return {
    fake,
    bot,
    config,
    logs,
    async close() {
      await bot.stop();
      await fake.close();
      await host.close();
    },
  };
}

/**
 * One harness for a test file: started before its tests, closed after them, and after each test
 * the fake must have seen nothing Discord would refuse or a correct bot never does.
 */
export function useHarness(options: FakeDiscordOptions = {}, extra: HarnessExtra = {}): DiscordHarness {
  const harness = {} as DiscordHarness;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(options, extra));
  });
  afterAll(() => harness.close?.());
  afterEach(() => expect(harness.fake.problems).toEqual([]));
  return harness;
}

interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
}

/** The embeds of the bot's answer to an interaction. */
export const embedsOf = (r: InteractionRecord): Embed[] => (r.response?.data?.embeds ?? []) as Embed[];

/** The answer's titles and descriptions as a member reads them (escapes and bold markers gone). */
export const shownText = (r: InteractionRecord): string =>
  plain(
    embedsOf(r)
      .map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)
      .join("\n"),
  );

/** The block quotes of the answer, as a member reads them. */
export const quotesShown = (r: InteractionRecord): string[] =>
  embedsOf(r).flatMap((e) => blockQuotes(e.description ?? "").map(plain));

export const isEphemeral = (r: InteractionRecord): boolean =>
  ((Number(r.response?.data?.flags) || 0) & 64) !== 0;

/** The moderator's status line for /article post (the deferred reply's content) as it now stands. */
export const statusOf = (r: InteractionRecord): string => String(r.original?.content ?? "");

const FINISHED =
  /^(Posted|Everything|Could not|Stopped|The bot|Only moderators|\/article post works|Another)/u;

/**
 * Runs /article post (as a moderator unless told) and waits for the status line's final text. It
 * posts at once (confirm:false) unless `spec.options.confirm` says otherwise: the preview and its
 * buttons have tests of their own (confirm.e2e.test.ts).
 */
export async function postArticle(fake: FakeDiscord, spec: Partial<InteractSpec> = {}) {
  const options = { confirm: false, ...spec.options };
  const handle = fake.interact({ command: "article", subcommand: "post", as: "moderator", ...spec, options });
  const answered = await handle.answered();
  if (answered.response?.type === 4) return answered;
  return handle.until((r) => FINISHED.test(statusOf(r)), "the final status");
}

/** What /article post plans to post, with no options. */
function articlePost(): ThreadPlan {
  const outcome = run("article", {}, { subcommand: "post" });
  if (outcome.kind !== "thread") throw new Error("/article post did not plan a thread");
  return outcome;
}

/** How many messages the article takes on Discord (the closing line rides on the last). */
export const ARTICLE_PARTS = renderThread(articlePost(), article).filter((p) => p.kind === "article").length;

export const CLOSING =
  /\n\n-# That is the whole article\. Discuss it here\. Try \/summary, \/quote grants or \/penalties\.$/u;

/** The article as members read it in a thread: the bot's text messages un-escaped and joined, closing line left out. */
export const articleShownIn = (fake: FakeDiscord, threadId: string): string =>
  fake
    .messagesIn(threadId)
    .filter((m) => m.author.bot && typeof m.body.content === "string")
    .map((m) => plain(String(m.body.content).replace(CLOSING, "")))
    .join("\n\n");

/**
 * The compiled bot on Discord only, run as operators run it (`node dist/src/main.js`), JSON logs,
 * once started (within `startMs`, default 15 s); with `fileLimit`, under that many file descriptors.
 */
export async function startBotProcess(
  fake: FakeDiscord,
  env: Record<string, string> = {},
  options: { fileLimit?: number; startMs?: number } = {},
): Promise<RunningProcess> {
  // Under a file descriptor limit, as many machines run it (`ulimit -n 1024`), through sh.
  const [command, args] =
    options.fileLimit === undefined
      ? [process.execPath, ["dist/src/main.js"]]
      : ["sh", ["-c", `ulimit -n ${options.fileLimit} && exec "$0" dist/src/main.js`, process.execPath]];
  const bot = startProcess(
    command,
    args,
    cleanEnv({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.state.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_FORMAT: "json",
      ...env,
    }),
  );
  await bot.waitForLog((l) => l.msg === "bot started", options.startMs);
  return bot;
}
