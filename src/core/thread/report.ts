/**
 * The neutral outcome of a thread post, and the steps it reports on the way. The core builds these;
 * describe.ts words them the same way on every platform, with the platform's links and reasons.
 */
import type { PartLabel } from "./sink.js";

/** Why posting stopped: the platform refused a request, or the bot is shutting down. */
export type StopCause = { kind: "refused"; error: unknown } | { kind: "shutdown" };

export type ThreadStep<T> =
  | { kind: "checking"; thread: T }
  | { kind: "creating" }
  /** The thread exists now (found or started); posting begins. */
  | { kind: "opened"; thread: T; missing: number }
  | { kind: "posting"; thread: T; n: number; of: number };

export type ThreadReport<T> =
  /** Every part is in the thread: `posted` by this run, `found` there before it. */
  | {
      kind: "done";
      thread: T;
      parts: readonly PartLabel[];
      found: readonly number[];
      posted: readonly number[];
      /** Set when the thread was longer than the sink reads: how many messages it checked. */
      checkedOnly?: number;
    }
  /**
   * Starting the thread failed, or shutdown came first: nothing was posted. `sending` when the
   * request to start it was on its way, so the platform may have started it.
   */
  | { kind: "notCreated"; cause: StopCause; sending: boolean }
  /** Another post into the same target is running: this one posted nothing. */
  | { kind: "busy" }
  /** Looking for the thread, or reading which parts are already in it, failed: nothing was posted. */
  | { kind: "notRead"; thread?: T; cause: StopCause }
  /** Posting stopped at part `at`; `unsure` when it was sent but not confirmed. */
  | {
      kind: "stopped";
      thread: T;
      parts: readonly PartLabel[];
      present: ReadonlySet<number>;
      at: number;
      unsure: boolean;
      cause: StopCause;
    };
