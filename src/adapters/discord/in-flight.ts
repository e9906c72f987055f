import { setTimeout as sleep } from "node:timers/promises";

/** How long commands in flight may take to finish after a stop, then to report where they got to. */
export const FINISH_MS = 3_000;
export const REPORT_MS = 1_000;

/**
 * The interactions being handled, so a stop can wait for them. Within FINISH_MS they finish as
 * usual; then `abort` tells the rest (thread posts) to stop and say what was and was not posted,
 * which they get REPORT_MS to do. Together well inside the 5 seconds main.ts allows for a stop.
 */
export class InFlight {
  private readonly work = new Set<Promise<void>>();

  track(promise: Promise<void>): void {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise));
  }

  get size(): number {
    return this.work.size;
  }

  async drain(abort: () => void, finishMs = FINISH_MS, reportMs = REPORT_MS): Promise<void> {
    if (await this.settledWithin(finishMs)) return;
    abort();
    await this.settledWithin(reportMs);
  }

  private settledWithin(ms: number): Promise<boolean> {
    const timer = new AbortController();
    return Promise.race([
      Promise.allSettled([...this.work]).then(() => true),
      sleep(ms, false, { signal: timer.signal }).catch(() => false),
    ]).finally(() => timer.abort());
  }
}
