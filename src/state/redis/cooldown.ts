/**
 * The per-user cooldown shared by replicas: rate-limiter-flexible's Redis limiter (one atomic
 * counter per user and window), with its in-memory `insuranceLimiter` answering while Redis is
 * unreachable. A fixed window starting at a user's first command, where the in-process Cooldown
 * slides; the limit per window is the same. Redis keeps the window in whole seconds (a shorter one
 * would never expire there), so it is rounded up.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimit } from "../../runtime/cooldown.js";
import type { SharedRedis } from "./client.js";

export class RedisCooldown implements RateLimit {
  private limiter: RateLimiterRedis | undefined;

  constructor(
    private readonly redis: SharedRedis,
    readonly limit: number,
    readonly windowMs: number,
    private readonly prefix = "bot:cooldown",
  ) {}

  async consume(key: string): Promise<number> {
    const duration = Math.max(1, Math.ceil(this.windowMs / 1000));
    this.limiter ??= new RateLimiterRedis({
      storeClient: this.redis.client(),
      useRedisPackage: false,
      rejectIfRedisNotReady: true,
      keyPrefix: this.prefix,
      points: this.limit,
      duration,
      insuranceLimiter: new RateLimiterMemory({ points: this.limit, duration }),
    });
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
      throw refused;
    }
  }
}
