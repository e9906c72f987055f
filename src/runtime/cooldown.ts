/**
 * Per-user rate limit: at most `limit` commands in any `windowMs`. A member who floods gets a polite
 * private note instead of answers that would flood the channel. `RateLimit` is the seam the core
 * checks; `Cooldown` is this process's, src/state/redis/cooldown.ts the one replicas share.
 */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** Records a command by `key`: 0 when it may run, else the seconds to wait (refused ones do not count). */
  consume(key: string): number | Promise<number>;
}

export class Cooldown implements RateLimit {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a command by `key` and says whether it may run; refused commands do not count. */
  take(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  consume(key: string): number {
    return this.take(key) ? 0 : this.waitSeconds(key);
  }

  /** Seconds until `key` may run a command again (0 when it may now). */
  waitSeconds(key: string): number {
    const oldest = this.hits.get(key)?.[0];
    if (oldest === undefined || (this.hits.get(key)?.length ?? 0) < this.limit) return 0;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  get size(): number {
    return this.hits.size;
  }

  // Forget users who have been quiet for a whole window, so memory stays flat under many users.
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits)
      if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
  }
}
