/**
 * The Discord adapter in HTTP interactions mode, in this process: a fake Discord with the commands
 * registered, the bot's HTTP server on a free port of 127.0.0.1 (startWeb, as main.ts gives it to
 * the adapter), and the fake delivering every interaction there as a signed POST
 * (test/fakes/discord/http-delivery.ts). discord.js never logs in: REST goes to the fake.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { RunningAdapter } from "../../src/adapters/contract.js";
import { start } from "../../src/adapters/discord/start.js";
import { type Bot, createBot } from "../../src/core/answer.js";
import { startWeb, type WebServer } from "../../src/runtime/web.js";
import { deliverOverHttp, type HttpDelivery } from "../fakes/discord/http-delivery.js";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { article, commands } from "./article.js";
import { configFor, type HarnessExtra, type LogLine, startRegisteredFake } from "./discord.js";
import { testHost } from "./host.js";
import { keptLog } from "./log-lines.js";

export interface HttpHarness {
  fake: FakeDiscord;
  bot: RunningAdapter;
  web: WebServer;
  http: HttpDelivery;
  logs: LogLine[];
  /** The bot's endpoint, http://127.0.0.1:port/discord/interactions. */
  url: string;
  close(): Promise<void>;
}

export interface HttpExtra extends Omit<HarnessExtra, "records"> {
  /** How long the bot waits for an answer before it sends Discord a deferral (default 2,500 ms). */
  deferAfterMs?: number;
  /** Changes the bot before it starts (a test's own check, shared previews). */
  adjust?: (bot: Bot) => Bot;
}

/** `replicaOf`: a second replica of that harness's bot, on the same fake Discord and key. */
export async function startHttpHarness(extra: HttpExtra = {}, replicaOf?: HttpHarness): Promise<HttpHarness> {
  const discord = replicaOf?.fake ?? (await startRegisteredFake());
  const web = await startWeb(0, "127.0.0.1", {});
  const url = `${web.url}/discord/interactions`;
  const http = replicaOf?.http ?? deliverOverHttp(discord, url);
  const { logs, log } = keptLog<LogLine>();
  const host = { ...testHost(), web };
  const { deferAfterMs = 2_500, adjust = (b: Bot) => b, ...options } = extra;
  const interactions = { publicKey: http.publicKey, deferAfterMs };
  const bot = await start(
    adjust(createBot({ article, commands, log, ...options })),
    {
      ...configFor(discord),
      interactions,
    },
    host,
  );
  return {
    fake: discord,
    bot,
    web,
    http,
    logs,
    url,
    async close() {
      await bot.stop();
      await web.close();
      if (!replicaOf) await discord.close();
      await host.close();
    },
  };
}

/** One HTTP harness per test file (or describe block); the fake must see no problem after each test. */
export function useHttpHarness(extra: HttpExtra = {}): HttpHarness {
  const harness = {} as HttpHarness;
  beforeAll(async () => {
    Object.assign(harness, await startHttpHarness(extra));
  });
  afterAll(() => harness.close?.());
  afterEach(() => expect(harness.fake.problems).toEqual([]));
  return harness;
}
