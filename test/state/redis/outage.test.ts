/**
 * Redis stopped under two running replicas: every command is still answered (each falls back to
 * its own process's state, with one warning line for the outage, not one per command), and when
 * Redis returns the replicas share state again.
 */
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { answer, type Bot, createBot } from "../../../src/core/answer.js";
import type { Invocation } from "../../../src/core/invocation.js";
import type { Reply } from "../../../src/core/reply.js";
import { lazyRedis, redisSeams, type SharedRedis } from "../../../src/state/redis/index.js";
import { SeenInMemory } from "../../../src/state/seen-memory.js";
import { article, commands } from "../../support/article.js";
import { startRedis } from "../../support/redis-server.js";
import { pendingEntry } from "./entry.js";

const started = await startRedis();
const server = "server" in started ? started.server : undefined;
const suite = server ? describe : describe.skip;

interface Replica {
  bot: Bot;
  redis: SharedRedis;
  lines: { level: number; msg: string }[];
}

function replica(url: string): Replica {
  const lines: Replica["lines"] = [];
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const redis = lazyRedis({ url }, log, { maxRetryMs: 50 });
  const shared = redisSeams(redis, new SeenInMemory());
  return {
    bot: createBot({ article, commands, log, cooldown: { commands: 3, seconds: 60 }, shared }),
    redis,
    lines,
  };
}

const summary = (user: string): Invocation => ({
  command: "summary",
  options: {},
  user: { id: user },
  isModerator: () => false,
  platform: "slack",
});

const answered = async (bot: Bot, user: string) =>
  ((await answer(bot, summary(user))) as Reply).title ?? "refused";
const warnings = (r: Replica) => r.lines.filter((l) => l.level === 40 && /Redis unreachable/u.test(l.msg));

suite("Redis stopped and started under two replicas", () => {
  const replicas: Replica[] = [];
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.redis.close()));
    await server?.destroy();
  });

  it("shares, falls back while Redis is down with one warning, and shares again once it is back", async () => {
    const [a, b] = [replica(server?.url ?? ""), replica(server?.url ?? "")] as const;
    replicas.push(a, b);
    expect(await a.redis.connected(5_000)).toBe(true);
    expect(await b.redis.connected(5_000)).toBe(true);
    // Shared: three commands spread over both replicas use up the user's window.
    expect(await answered(a.bot, "U1")).toMatch(/^Summary/u);
    expect(await answered(b.bot, "U1")).toMatch(/^Summary/u);
    expect(await answered(a.bot, "U1")).toMatch(/^Summary/u);
    expect(await answered(b.bot, "U1")).toBe("refused");
    expect(await a.bot.seen?.seen("req-1", 60_000)).toBe(false);
    expect(await b.bot.seen?.seen("req-1", 60_000)).toBe(true);

    await server?.stop();
    await until(() => !a.redis.ready() && !b.redis.ready());
    // Every command is answered from this process's state: its own cooldown, seen requests, locks.
    for (let i = 0; i < 3; i++) expect(await answered(a.bot, "U2")).toMatch(/^Summary/u);
    expect(await answered(a.bot, "U2")).toBe("refused");
    expect(await answered(b.bot, "U2")).toMatch(/^Summary/u);
    expect(await a.bot.seen?.seen("req-2", 60_000)).toBe(false);
    expect(await a.bot.seen?.seen("req-2", 60_000)).toBe(true);
    expect(await b.bot.seen?.seen("req-2", 60_000)).toBe(false);
    const release = await a.bot.posts.take("C1");
    expect(release).toBeTypeOf("function");
    expect(await a.bot.posts.take("C1")).toBeUndefined();
    release?.();
    const pending = a.bot.sharedPending;
    await pending?.put("p1", pendingEntry("U1", Date.now() + 60_000));
    expect((await pending?.take("p1", "U1", Date.now()))?.kind).toBe("taken");
    expect(warnings(a)).toHaveLength(1);
    expect(warnings(b)).toHaveLength(1);

    await server?.start();
    expect(await a.redis.connected(5_000)).toBe(true);
    expect(await b.redis.connected(5_000)).toBe(true);
    expect(a.lines.some((l) => /Redis reachable again/u.test(l.msg))).toBe(true);
    // Shared again: what one replica records the other sees.
    expect(await b.bot.seen?.seen("req-3", 60_000)).toBe(false);
    expect(await a.bot.seen?.seen("req-3", 60_000)).toBe(true);
    for (const bot of [a.bot, b.bot, a.bot]) expect(await answered(bot, "U3")).toMatch(/^Summary/u);
    expect(await answered(b.bot, "U3")).toBe("refused");
    expect(warnings(a)).toHaveLength(1);
  });

  it("a stalled Redis (connection open, nothing answered) costs one command timeout, not one per command", async () => {
    const [a, b] = [replica(server?.url ?? ""), replica(server?.url ?? "")] as const;
    replicas.push(a, b);
    expect(await a.redis.connected(5_000)).toBe(true);
    expect(await b.redis.connected(5_000)).toBe(true);
    server?.pause();
    try {
      // The first command waits out the timeout, the rest go straight to local state.
      for (let i = 0; i < 3; i++) expect(await answered(a.bot, "U4")).toMatch(/^Summary/u);
      expect(await answered(a.bot, "U4")).toBe("refused");
      expect(warnings(a)).toHaveLength(1);
      expect(a.lines.filter((l) => /timed out/iu.test(JSON.stringify(l)))).toHaveLength(1);
    } finally {
      server?.resume();
    }
    // Back in use once the pause after the failure is over: what one records the other sees.
    await until(() => a.redis.ready());
    expect(await a.bot.seen?.seen("req-5", 60_000)).toBe(false);
    expect(await b.bot.seen?.seen("req-5", 60_000)).toBe(true);
    expect(a.lines.some((l) => /Redis reachable again/u.test(l.msg))).toBe(true);
  });
});

async function until(probe: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!probe()) {
    if (Date.now() > end) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
