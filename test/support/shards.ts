/**
 * The sharded bot as an operator runs it, for the DISCORD_SHARDS tests (test/discord/shards*.test.ts):
 * the manager process and its shard processes against the fake gateway, its /healthz and
 * /metrics, and the pid of each shard's latest process.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect } from "vitest";
import { registerCommands } from "../../src/adapters/discord/register.js";
import { FakeDiscord, type InteractionRecord } from "../fakes/discord/index.js";
import { shardOf } from "../fakes/discord/shards.js";
import { article, commands } from "./article.js";
import { configFor, quotesShown, startBotProcess } from "./discord.js";
import type { RunningProcess } from "./running-process.js";

export interface ShardHealthBody {
  ok: boolean;
  adapters: { discord: { state: string; shards?: Record<string, { state: string; detail?: string }> } };
}

export interface ShardedBot {
  bot: RunningProcess;
  /** The health server's port (HEALTH_PORT=0): GET /healthz and GET /metrics. */
  port: number;
  healthz(): Promise<{ status: number; body: ShardHealthBody }>;
}

/**
 * The fake advertising two shards with the commands registered and a guild on each shard: that
 * guild's text channel by shard id, and the shard of the fake's first guild (the one the fake
 * lists active threads for, which /article post reads).
 */
export async function twoShardFake(): Promise<{ fake: FakeDiscord; channels: string[]; first: number }> {
  // Sixteen may identify at once (as for large bots), so the test does not wait 5 s per shard.
  const fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 16 });
  await registerCommands(configFor(fake, false), commands);
  const first = shardOf(fake.state.guildId, 2);
  const channels: string[] = [];
  channels[first] = fake.state.ids.general;
  channels[1 - first] = fake.state.addGuild({ id: 1 - first, count: 2 }).general;
  return { fake, channels, first };
}

export interface TwoShards {
  fake: FakeDiscord;
  /** The bot; a test that starts it again puts the new one here, and it is stopped after all. */
  sharded: ShardedBot;
  /** A text channel on each shard, by shard id. */
  channels: string[];
  /** The shard of the fake's first guild. */
  first: number;
}

/** For a describe block: the two-shard fake and the sharded bot started with `env`, ready. */
export function useTwoShards(env: Record<string, string>): TwoShards {
  const h = {} as TwoShards;
  beforeAll(async () => {
    Object.assign(h, await twoShardFake());
    h.sharded = await startSharded(h.fake, env);
    await healthUntil(h.sharded, 200);
  }, 60_000);
  afterAll(async () => {
    await h.sharded?.bot.stop();
    await h.fake?.close();
  });
  return h;
}

export async function startSharded(fake: FakeDiscord, env: Record<string, string>): Promise<ShardedBot> {
  // The manager starts, then each shard process in turn: on a busy machine that takes a while.
  const bot = await startBotProcess(
    fake,
    { ...env, HEALTH_PORT: "0", HOST: "127.0.0.1" },
    { startMs: 45_000 },
  );
  const { port } = await bot.waitForLog((l) => l.msg === "health endpoint at GET /healthz");
  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as ShardHealthBody };
  };
  return { bot, port: Number(port), healthz };
}

/** Polls /healthz until it answers `status`; its body then. */
export async function healthUntil(sharded: Pick<ShardedBot, "healthz">, status: number) {
  for (let i = 0; i < 1_000; i++) {
    const res = await sharded.healthz();
    if (res.status === status) return res.body;
    await sleep(20);
  }
  throw new Error(`GET /healthz never answered ${status}`);
}

/** /quote grants in a channel, answered once with the quote. */
export async function quoteIn(fake: FakeDiscord, channelId: string): Promise<InteractionRecord> {
  return quoted(
    await fake.interact({ command: "quote", options: { topic: "grants" }, channelId }).answered(),
  );
}

/** The record of a /quote grants, checked: answered once, with the quote. */
export function quoted(r: InteractionRecord): InteractionRecord {
  const grants = article.quotes[2];
  expect(quotesShown(r)).toContain(article.text.slice(grants?.start, grants?.end));
  expect(r.callbacks).toBe(1);
  return r;
}

/** The pid the manager logged for a shard's latest process. */
export const pidOf = (bot: RunningProcess, shard: number): number =>
  Number(bot.logs.filter((l) => l.msg === "shard process started" && l.shard === shard).at(-1)?.pid);

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
