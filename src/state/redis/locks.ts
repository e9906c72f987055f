/**
 * One thread post per target across replicas: a Redis lock taken with `SET NX PX` under a random
 * token, renewed while the post runs, and released only by its holder (a compare-and-delete
 * script). A replica killed mid-post stops renewing, so its lock expires after `ttlMs`. While
 * Redis is unreachable, this process's locks are used.
 */
import { randomUUID } from "node:crypto";
import type { PostLocks } from "../../core/thread/locks.js";
import { type SharedRedis, sharedOr } from "./client.js";

const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`;

export interface LockOptions {
  /** How long a lock outlives a holder that stopped renewing it (default 30 s). */
  ttlMs?: number;
  prefix?: string;
}

export class RedisPostLocks implements PostLocks {
  private readonly ttlMs: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: SharedRedis,
    private readonly local: PostLocks,
    options: LockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.prefix = options.prefix ?? "bot:lock:";
  }

  take(key: string): Promise<(() => void) | undefined> {
    return sharedOr(
      this.redis,
      (c) => this.takeShared(c, key),
      () => this.local.take(key),
    );
  }

  private async takeShared(c: ReturnType<SharedRedis["client"]>, key: string) {
    const name = this.prefix + key;
    const token = randomUUID();
    if ((await c.set(name, token, "PX", this.ttlMs, "NX")) === null) return undefined;
    // A renewal that fails (Redis lost) is left to the TTL: the post itself goes on.
    const renew = setInterval(
      () => {
        c.eval(RENEW, 1, name, token, String(this.ttlMs)).catch(() => undefined);
      },
      Math.max(10, Math.floor(this.ttlMs / 3)),
    );
    renew.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      c.eval(RELEASE, 1, name, token).catch((error: unknown) => this.redis.failed(error));
    };
  }
}
