/**
 * The shared seams on one Redis connection, each falling back to this process's own while Redis
 * is unreachable: main.ts hands them to createBot when REDIS_URL is set.
 */
import type { SeenKeys, SharedSeams } from "../../core/answer.js";
import { LocalPendingPosts } from "../../core/thread/confirm.js";
import { LocalPostLocks } from "../../core/thread/locks.js";
import type { SharedRedis } from "./client.js";
import { RedisCooldown } from "./cooldown.js";
import { type LockOptions, RedisPostLocks } from "./locks.js";
import { RedisPendingPosts } from "./pending.js";
import { RedisSeen } from "./seen.js";

export { lazyRedis, type SharedRedis } from "./client.js";

/** `localSeen`: the in-process memory of requests to use while Redis is down. */
export function redisSeams(redis: SharedRedis, localSeen: SeenKeys, locks: LockOptions = {}): SharedSeams {
  return {
    cooldown: (limit, windowMs) => new RedisCooldown(redis, limit, windowMs),
    posts: new RedisPostLocks(redis, new LocalPostLocks(), locks),
    pending: new RedisPendingPosts(redis, new LocalPendingPosts()),
    seen: new RedisSeen(redis, localSeen),
  };
}
