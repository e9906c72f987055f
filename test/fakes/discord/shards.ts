/** Gateway sharding as Discord does it: which shard a guild is on, and which IDENTIFY shards it accepts. */
import { Close } from "./constants.js";

export interface ShardKey {
  id: number;
  count: number;
}

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % count. */
export const shardOf = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/**
 * IDENTIFY's `shard` ([id, count]; absent: [0, 1]) or Discord's refusal: 4011 when the bot has
 * more guilds than `count` shards may carry (here: fewer than the fake's `required`), 4010 for an
 * id outside the count or a malformed pair.
 */
export function identifiedShard(
  shard: unknown,
  required: number,
): ShardKey | { refused: readonly [number, string] } {
  if (shard === undefined) return required > 1 ? shardingRequired : { id: 0, count: 1 };
  const [id, count] = Array.isArray(shard) && shard.length === 2 ? shard : [];
  if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count)
    return { refused: [Close.INVALID_SHARD, "Invalid shard."] };
  return count < required ? shardingRequired : { id, count };
}

const shardingRequired = { refused: [Close.SHARDING_REQUIRED, "Sharding required."] } as const;
