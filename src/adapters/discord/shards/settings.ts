/**
 * DISCORD_SHARDS and DISCORD_SHARD_IDS: how many gateway shards the bot has in all, and which of
 * them this machine runs. No discord.js here: main reads this on every start.
 *
 * `auto` asks Discord for its recommended count at start. It cannot go with DISCORD_SHARD_IDS: two
 * machines asking at different times can be told different counts, and then their slices overlap
 * or leave shards out (guilds nobody answers). Splitting shards across machines needs the same
 * fixed total on every machine, which is what Discord's own sharding guide asks for too.
 */
import * as z from "zod";
import { ConfigError, type Env, optional, parseEnv } from "../../../runtime/config.js";

/** Far above any bot today (Discord's largest run a few thousand), low enough to catch a typo. */
const MAX_SHARDS = 100_000;

const COUNT = `must be "auto" or a whole number of shards from 1 to ${MAX_SHARDS}`;

const ShardEnv = z.object({
  DISCORD_SHARDS: optional(
    z.union([z.literal("auto"), z.coerce.number().int(COUNT).min(1, COUNT).max(MAX_SHARDS, COUNT)], {
      error: COUNT,
    }),
  ),
  DISCORD_SHARD_IDS: optional(z.string().max(1_000, "is too long: give ranges like 0-99")),
});

export interface ShardSettings {
  /** The total across every machine, or "auto": Discord's recommendation, fetched at start. */
  count: number | "auto";
  /** The shard ids this machine runs, ascending; undefined: every one of `count`. */
  ids: number[] | undefined;
}

/** The sharding settings, or undefined when DISCORD_SHARDS is unset (one gateway connection, as before). */
export function shardSettings(env: Env): ShardSettings | undefined {
  const e = parseEnv(ShardEnv, env);
  if (e.DISCORD_SHARDS === undefined) {
    if (e.DISCORD_SHARD_IDS !== undefined)
      throw new ConfigError([
        "DISCORD_SHARD_IDS needs DISCORD_SHARDS, the total number of shards (the same on every machine). Fix it in .env (see .env.example).",
      ]);
    return undefined;
  }
  if (e.DISCORD_SHARD_IDS === undefined) return { count: e.DISCORD_SHARDS, ids: undefined };
  if (e.DISCORD_SHARDS === "auto")
    throw new ConfigError([
      'DISCORD_SHARD_IDS cannot go with DISCORD_SHARDS=auto: machines asking Discord at different times may be told different totals. Set DISCORD_SHARDS to the total number of shards, the same on every machine (see docs/discord.md, "Sharding").',
    ]);
  return { count: e.DISCORD_SHARDS, ids: parseIds(e.DISCORD_SHARD_IDS, e.DISCORD_SHARDS) };
}

/** "0-3", "0,2", "0-3, 8, 10-11": ascending, each within [0, count). */
function parseIds(text: string, count: number): number[] {
  const problem = (what: string) =>
    new ConfigError([
      `DISCORD_SHARD_IDS ${what}. Give shard ids from 0 to ${count - 1} (DISCORD_SHARDS=${count}) like 0-3 or 0,2. Fix it in .env (see .env.example).`,
    ]);
  const ids = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6})\s*)?$/u.exec(part);
    if (!m) throw problem(part.trim() === "" ? "has an empty entry" : "is not a list of ids and ranges");
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw problem(`has a range that runs backwards (${from}-${to})`);
    if (to >= count) throw problem(`names shard ${to}, outside the ${count} shards`);
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
