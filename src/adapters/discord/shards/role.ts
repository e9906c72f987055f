/**
 * Whether this process is one of the Discord shard processes the manager (manager.ts) spawned, and
 * what such a process runs: the Discord adapter alone, for its one shard. No HTTP server of its own
 * (the manager serves /healthz for every shard, and a second server on PORT could not bind), no
 * other platform (the manager's process runs those once), and its shard id on every log line.
 * discord.js tells a child what it is through SHARDING_MANAGER, SHARDS and SHARD_COUNT, which its
 * Client also reads to connect as that shard.
 */
import type { Env } from "../../../runtime/config.js";
import type { AdapterDefinition } from "../../contract.js";

export interface ShardChild {
  id: number;
  count: number;
}

/** This process's shard, when a ShardingManager spawned it. */
export function shardChild(env: Env): ShardChild | undefined {
  if (env.SHARDING_MANAGER !== "true") return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  return Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count ? { id, count } : undefined;
}

/** Variables a shard process inherits from the manager but must not act on. */
const MANAGER_ONLY = ["HEALTH_PORT", "PORT", "DISCORD_SHARDS", "DISCORD_SHARD_IDS"];

/**
 * The environment and platforms configure() reads, and the fields every log line carries: for a
 * shard process, Discord alone with the manager's own variables left out; otherwise unchanged.
 */
export function shardScope<P extends AdapterDefinition<never>>(
  env: Env,
  platforms: readonly P[],
): { env: Env; platforms: readonly P[]; logFields?: { shard: number } } {
  const child = shardChild(env);
  if (!child) return { env, platforms };
  const own = Object.fromEntries(Object.entries(env).filter(([name]) => !MANAGER_ONLY.includes(name)));
  return {
    env: own,
    platforms: platforms.filter((p) => p.name === "discord"),
    logFields: { shard: child.id },
  };
}
