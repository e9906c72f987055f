/**
 * The per-user cooldown shared by replicas: rate-limiter-flexible's Redis limiter (one atomic
 * counter per user and window), with its in-memory limiter as insurance answering while Redis is
 * unreachable. A fixed window starting at a user's first command, where the in-process Cooldown
 * slides; the limit per window is the same. Redis keeps the window in whole seconds (a shorter one
 * would never expire there), so it is rounded up.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimit } from "../../runtime/cooldown.js";
import { type SharedRedis, sharedOr } from "./client.js";

export class RedisCooldown implements RateLimit {
  // Made on first use, so building the cooldown opens no connection.
  private limiters: { shared: RateLimiterRedis; local: RateLimiterMemory } | undefined;

  constructor(
    private readonly redis: SharedRedis,
    readonly limit: number,
    readonly windowMs: number,
    private readonly prefix = "bot:cooldown",
  ) {}

  async consume(key: string): Promise<number> {
    this.limiters ??= this.open();
    const { shared, local } = this.limiters;
    // What rate-limiter-flexible's insuranceLimiter option does, but through sharedOr: an outage
    // is logged once and Redis use paused, so a stalled server does not cost every command its timeout.
    return sharedOr(
      this.redis,
      () => wait(shared, key),
      () => wait(local, key),
    );
  }

  private open() {
    const duration = Math.max(1, Math.ceil(this.windowMs / 1000));
    return {
      local: new RateLimiterMemory({ points: this.limit, duration }),
      shared: new RateLimiterRedis({
        storeClient: this.redis.client(),
        useRedisPackage: false,
        rejectIfRedisNotReady: true,
        keyPrefix: this.prefix,
        points: this.limit,
        duration,
      }),
    };
  }
}

/** 0 when `limiter` lets `key` run now, else the seconds to wait; a store failure rejects. */
async function wait(limiter: RateLimiterRedis | RateLimiterMemory, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (refused) {
    if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
    throw refused;
  }
}
