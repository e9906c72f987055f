import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeDiscord, Fault } from "../fakes/discord/index.js";
import { postArticle, startBotProcess, startRegisteredFake } from "../support/discord.js";

/**
 * The bot token never reaches a log line. The real process runs with the most verbose log level,
 * answers every command, and meets every fault the fake can inject (REST errors, rate limits,
 * gateway drops, a shutdown); then neither stdout nor stderr may contain the token, nor
 * any interaction token (each lets anyone answer as the bot for 15 minutes), and stderr holds
 * nothing but JSON log lines: no library noise.
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startRegisteredFake();
});
afterAll(() => fake?.close());

const THREADS = "POST /channels/:channel/threads";
const MESSAGES = "POST /channels/:channel/messages";
const FAULTS: Fault[] = [
  {
    route: THREADS,
    status: 429,
    body: { message: "rate limited", retry_after: 0.2, global: false },
    headers: { "retry-after": "0.2" },
  },
  { route: THREADS, status: 503, body: { message: "Service Unavailable", code: 0 }, after: true },
  { route: THREADS, status: 500, body: { message: "Internal Server Error", code: 0 }, times: 3 },
  { route: THREADS, status: 403, body: { code: 50013, message: "Missing Permissions" } },
  {
    route: MESSAGES,
    status: 429,
    body: { message: "rate limited", retry_after: 60, global: false },
    headers: { "retry-after": "60" },
    skip: 1,
  },
  { route: MESSAGES, status: 503, body: { message: "Service Unavailable", code: 0 }, times: 4, skip: 1 },
  { route: MESSAGES, status: 500, body: { message: "Internal Server Error", code: 0 }, after: true },
  { route: MESSAGES, status: 403, body: { code: 50013, message: "Missing Permissions" }, skip: 2 },
  { route: "GET /channels/:channel/messages", status: 403, body: { code: 50001, message: "Missing Access" } },
];

describe("secrets in the log", () => {
  it("no output line carries the bot token or an interaction token, whatever happens", async () => {
    const bot = await startBotProcess(fake, { LOG_LEVEL: "trace", COOLDOWN_COMMANDS: "0" });
    const ask = (spec: Parameters<FakeDiscord["interact"]>[0]) => fake.interact(spec).answered();

    await ask({ command: "summary" });
    await ask({ command: "summary", options: { length: "full", private: true } });
    await ask({ command: "quote", options: { topic: "grants" } });
    await ask({ command: "quote", options: { topic: "gr" }, focused: "topic" });
    await ask({ command: "quote", options: { topic: "pizza" } });
    await ask({ command: "quote" });
    await ask({ command: "penalties" });
    await ask({ command: "help" });
    await postArticle(fake, { as: "member", overridden: true });
    const thread = fake.startThread("Secrets");
    for (const [i, fault] of FAULTS.entries()) {
      fake.failNext(fault);
      await postArticle(
        fake,
        fault.route === THREADS ? { options: { title: `Fault ${i}` } } : { channelId: thread },
      );
      fake.clearFaults();
    }
    await postArticle(fake, { channelId: thread });

    for (const breakIt of [
      () => fake.gateway.close(1006),
      () => fake.gateway.close(4000),
      () => fake.gateway.requestReconnect(),
      () => fake.gateway.invalidateSession(true),
      () => fake.gateway.invalidateSession(false),
    ]) {
      breakIt();
      await sleep(100);
      await fake.connected(15_000);
      await ask({ command: "help" });
    }

    // A shutdown that cuts a post short is checked for the token in lifecycle.test.ts.
    const run = await bot.stop("SIGTERM");
    expect(run.code).toBe(0);

    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).not.toContain(fake.token);
    for (const r of fake.interactions.values()) expect(output).not.toContain(r.token);
    const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines.filter((l) => !l.startsWith("{"))).toEqual([]);
    // The faults were logged, with their causes, just not the secrets.
    expect(new Set(bot.logs.filter((l) => Number(l.level) >= 50).map((l) => l.msg))).toEqual(
      new Set(["thread creation failed", "posting to the thread failed", "reading the thread failed"]),
    );
  }, 60_000);
});
