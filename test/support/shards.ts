/**
 * The sharded bot as an operator runs it, for the DISCORD_SHARDS tests (test/discord/shards*.test.ts):
 * the manager process and its shard processes against the fake gateway, its /healthz and
 * /metrics, and the pid of each shard's latest process.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { FakeDiscord, InteractionRecord } from "../fakes/discord/index.js";
import { article } from "./article.js";
import { quotesShown, startBotProcess } from "./discord.js";
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
