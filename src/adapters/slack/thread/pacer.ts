import { setTimeout as sleep } from "node:timers/promises";

/**
 * Slack allows about one message a second per channel. Each call to `turn` reserves the next free
 * slot for that channel, so two threads posted to one channel at once interleave instead of
 * bursting, and different channels never wait for each other.
 */
export class Pacer {
  private readonly slots = new Map<string, number>();

  constructor(private readonly gapMs: number) {}

  /** Resolves when the channel's slot comes; rejects at once if `signal` aborts (shutdown). */
  async turn(channel: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = Date.now();
    const at = Math.max(now, this.slots.get(channel) ?? 0);
    this.slots.set(channel, at + this.gapMs);
    if (this.slots.size > 1000) this.forgetIdle(now);
    if (at > now) await sleep(at - now, undefined, { signal });
  }

  private forgetIdle(now: number): void {
    for (const [channel, free] of this.slots) if (free <= now) this.slots.delete(channel);
  }
}
