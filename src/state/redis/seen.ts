/**
 * Requests already run, shared by replicas: `SET key 1 NX PX ttl` answers "seen before?" and
 * records the key in one atomic step, so a request retried to another replica runs once. While
 * Redis is unreachable, this process's memory answers instead.
 */
import type { SeenKeys } from "../../core/answer.js";
import { type SharedRedis, sharedOr } from "./client.js";

export class RedisSeen implements SeenKeys {
  constructor(
    private readonly redis: SharedRedis,
    private readonly local: SeenKeys,
    private readonly prefix = "bot:seen:",
  ) {}

  seen(key: string, ttlMs: number): Promise<boolean> {
    const ms = Math.max(1, Math.round(ttlMs));
    return sharedOr(
      this.redis,
      async (c) => (await c.set(this.prefix + key, "1", "PX", ms, "NX")) === null,
      () => this.local.seen(key, ttlMs),
    );
  }
}
