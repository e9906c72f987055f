import { afterAll, beforeAll } from "vitest";
import type { AdapterHost, RunningAdapter } from "../../src/adapters/contract.js";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { type SlackAdapter, type SlackStartOptions, start } from "../../src/adapters/slack/start.js";
import { type BotOptions, createBot } from "../../src/core/answer.js";
import { storeRecords } from "../../src/state/records.js";
import {
  type ActionSender,
  type CommandSender,
  type FakeSlack,
  type FakeSlackApiOptions,
  httpActions,
  httpCommands,
  socketActions,
  socketCommands,
  startFakeSlack,
} from "../fakes/slack/index.js";
import { article, commands } from "./article.js";
import { testHost } from "./host.js";
import { keptLog } from "./log-lines.js";

/** The real Slack adapter (real Bolt, real receiver) started in this process against the fakes. */
export const SECRET = "fake-signing-secret-0123456789abcdef";
export const MODERATOR = { user_id: "U0MOD", user_name: "mod" };
export const ADMIN = { user_id: "U0ADMIN", user_name: "admin" };

export interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  slack: CommandSender;
  /** Presses buttons the bot sent, through the same transport. */
  buttons: ActionSender;
  /** Every log line the adapter wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startHarness(
  mode: "http" | "socket",
  options: {
    fake?: FakeSlackApiOptions;
    env?: Record<string, string>;
    /** With `adapters`: every adapter GET /healthz reports (default: this one alone). */
    start?: SlackStartOptions & { adapters?: () => readonly RunningAdapter[] };
    /** The per-user cooldown, off unless given (load and fault tests send many commands as one user). */
    cooldown?: { commands: number; seconds: number };
    /** Previews: a test clock and lifetime. */
    confirm?: BotOptions["confirm"];
    /** Keep the moderator records: in the host's own SQLite file (true), or in the store given. */
    records?: true | AdapterHost["state"];
    /** /article add's fetch (with records: the articles are kept there too). */
    ingest?: BotOptions["ingest"];
  } = {},
): Promise<Harness> {
  const fake = await startFakeSlack({
    users: { [ADMIN.user_id]: { is_admin: true }, U0MEMBER: {}, [MODERATOR.user_id]: {} },
    channels: {
      C0GENERAL: { name: "general" },
      C0NEWS: { name: "news" },
      C0QUIET: { name: "quiet", botIsMember: false },
    },
    ...options.fake,
    socketMode: mode === "socket",
  });
  const config = slackSettings({
    SLACK_BOT_TOKEN: fake.api.botToken,
    SLACK_API_URL: fake.api.url,
    SLACK_MODERATOR_IDS: MODERATOR.user_id,
    ...(mode === "http"
      ? { SLACK_SIGNING_SECRET: SECRET, PORT: "0" }
      : { SLACK_APP_TOKEN: fake.api.appToken }),
    ...options.env,
  });
  if (!config) throw new Error("Slack is not configured");

  const { logs, log } = keptLog();
  // Nothing is retried and nothing is paced, so a fault shows at once and tests stay fast.
  const { adapters, ...startOptions } = options.start ?? {};
  let adapter: SlackAdapter | undefined;
  const host = testHost(adapters ?? (() => (adapter ? [adapter] : [])));
  const state = options.records === true ? host.state : options.records;
  const bot = createBot({
    article,
    commands,
    log,
    cooldown: options.cooldown,
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(state ? storeRecords(state, log) : {}),
    ...(options.ingest ? { ingest: options.ingest } : {}),
  });
  const running = await start(bot, config, host, { paceMs: 0, retryConfig: { retries: 0 }, ...startOptions });
  adapter = running;
  const slack =
    mode === "http"
      ? httpCommands(fake.api, running.url ?? "", SECRET)
      : socketCommands(fake.api, fake.socket ?? never());
  const buttons =
    mode === "http"
      ? httpActions(fake.api, running.url ?? "", SECRET)
      : socketActions(fake.api, fake.socket ?? never());
  return {
    fake,
    adapter: running,
    slack,
    buttons,
    logs,
    async close() {
      await running.stop();
      await fake.close();
      await host.close();
    },
  };
}

/** Log lines at warn level or above: what an operator would look at after a fault. */
export const faultLines = (logs: readonly Record<string, unknown>[]) =>
  logs.filter((l) => Number(l.level) >= 40);

function never(): never {
  throw new Error("socket mode fake missing");
}

/** One harness for a describe block: started before its tests, closed after them. */
export function useHarness(
  mode: "http" | "socket",
  options: Parameters<typeof startHarness>[1] = {},
): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(mode, options));
  });
  afterAll(() => harness.close?.());
  return harness;
}
