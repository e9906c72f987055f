/**
 * One process's memory of request keys already run (the `SeenKeys` seam of core/answer.ts): the
 * Slack adapter's replay guard uses it alone, and the Redis seams fall back to it while Redis is
 * unreachable, so it lives here rather than in either of them.
 */
import type { SeenKeys } from "../core/answer.js";

/** Bounded: the oldest keys are forgotten first. */
export class SeenInMemory implements SeenKeys {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  seen(key: string, ttlMs: number): boolean {
    const now = this.now();
    const expires = this.until.get(key);
    if (expires !== undefined && expires > now) return true;
    this.until.delete(key);
    this.until.set(key, now + ttlMs);
    // Insertion order is expiry order (one ttl for all): drop expired ones, then any over the bound.
    for (const [k, t] of this.until) {
      if (t > now && this.until.size <= this.max) break;
      this.until.delete(k);
    }
    return false;
  }

  get size(): number {
    return this.until.size;
  }
}
