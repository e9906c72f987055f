/** A clock a test moves by hand: `advance(ms)` runs every task that falls due, in order. */
import type { Clock } from "../../src/core/thread/confirm.js";

export class ManualClock implements Clock {
  private time = 1_700_000_000_000;
  private readonly tasks: { at: number; task: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, task: () => void): () => void {
    const entry = { at: this.time + ms, task };
    this.tasks.push(entry);
    return () => {
      const i = this.tasks.indexOf(entry);
      if (i >= 0) this.tasks.splice(i, 1);
    };
  }

  /** Moves time on; with `run: false` the due tasks wait (a timer that has not fired yet). */
  advance(ms: number, { run = true } = {}): void {
    this.time += ms;
    if (!run) return;
    const due = this.tasks.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    for (const t of due) {
      this.tasks.splice(this.tasks.indexOf(t), 1);
      t.task();
    }
  }

  /** Tasks still waiting (expiry edits not yet due or cancelled). */
  get waiting(): number {
    return this.tasks.length;
  }
}
