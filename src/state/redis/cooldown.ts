/**
 * The per-user cooldown shared by replicas: rate-limiter-flexible's Redis limiter (one atomic
 * counter per user and window), with its in-memory limiter as insurance answering while Redis is
 * unreachable. A fixed window starting at a user's first command, where the in-process Cooldown
 * slides; the limit per window is the same. Redis keeps the window in whole seconds (a shorter one
 * would never expire there), so it is rounded up.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimit } from "../../runtime/cooldown.js";
import type { SharedRedis } from "./client.js";

export class RedisCooldown implements RateLimit {
  private limiter: RateLimiterRedis | undefined;
  private insurance: RateLimiterMemory | undefined;

  constructor(
    private readonly redis: SharedRedis,
    readonly limit: number,
    readonly windowMs: number,
    private readonly prefix = "bot:cooldown",
  ) {}

  async consume(key: string): Promise<number> {
    const duration = Math.max(1, Math.ceil(this.windowMs / 1000));
    this.insurance ??= new RateLimiterMemory({ points: this.limit, duration });
    this.limiter ??= new RateLimiterRedis({
      storeClient: this.redis.client(),
      useRedisPackage: false,
      rejectIfRedisNotReady: true,
      keyPrefix: this.prefix,
      points: this.limit,
      duration,
    });
    if (!this.redis.ready()) return wait(this.insurance, key);
    try {
      const seconds = await wait(this.limiter, key);
      this.redis.worked();
      return seconds;
    } catch (error) {
      // What rate-limiter-flexible's insuranceLimiter option does, but seen: the outage is logged
      // once and Redis use paused, so a stalled server does not cost every command its timeout.
      this.redis.failed(error);
      return wait(this.insurance, key);
    }
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
