/** Commands in flight, so shutdown can stop taking new ones, drain these, and cut short the rest. */
import { within } from "./abort.js";

export interface DrainOptions {
  /** How long commands already running may take to finish. */
  drainMs: number;
  /** After that, how long the ones cut short get to send their last note. */
  noteMs: number;
}

/**
 * The commands an adapter is answering, so that shutdown can stop taking new ones, let these
 * finish, and cut short whatever would outlast the deadline (a thread post still being posted)
 * while it still has time to say what it did. Used by every platform adapter.
 */
export class InFlight {
  private readonly runs = new Set<Promise<unknown>>();
  private readonly controller = new AbortController();
  private draining = false;

  /** True once shutdown began: a new command is answered with a note instead of being run. */
  get closing(): boolean {
    return this.draining;
  }

  /** Aborts when the drain deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get size(): number {
    return this.runs.size;
  }

  track<T>(run: Promise<T>): Promise<T> {
    this.runs.add(run);
    return run.finally(() => this.runs.delete(run));
  }

  /** Resolves with how many commands were still running when it gave up (0 when all finished). */
  async drain({ drainMs, noteMs }: DrainOptions): Promise<number> {
    this.draining = true;
    if (await this.idle(drainMs)) return 0;
    this.controller.abort();
    await this.idle(noteMs);
    return this.runs.size;
  }

  private async idle(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.runs.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await within(Promise.allSettled([...this.runs]), left);
    }
    return true;
  }
}
