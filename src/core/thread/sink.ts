/**
 * What the thread-posting core (post.ts) needs from a platform to post a ThreadPlan: a small sink.
 * The adapter renders the plan into its own messages first and hands the core their labels; the
 * core decides the order, resumes what is missing, reports progress and writes the final report.
 * `T` is the platform's handle on a thread (Discord: the thread channel's id; Slack: the channel
 * and the parent message's ts).
 */

/** One message of a thread post, named for progress and reports: "article part 2 of 3". */
export interface PartLabel {
  kind: "header" | "article" | "closing";
  /** Position among the parts of the same kind, from 1, and how many of that kind there are. */
  index: number;
  count: number;
}

/** Which parts a thread already holds; `complete` is false when the sink read only part of it. */
export interface Present {
  present: ReadonlySet<number>;
  complete: boolean;
  /** How many messages the sink read when it stopped short (for the report). */
  checked?: number;
}

export interface ThreadSink<T> {
  /** The rendered parts, in posting order; indexes below refer to this list. */
  readonly parts: readonly PartLabel[];
  /**
   * The thread this post belongs in when it already exists: the thread the command ran in, or one
   * the bot started earlier for the same title and target (a re-run after a failure or a restart).
   */
  existing(): Promise<T | undefined>;
  /**
   * Starts a new thread. `posted` lists the parts that starting it posted (on Slack the parent
   * message is part 0); `adopted` says the thread was found already there after an uncertain
   * failure, so the core reads what is in it before posting.
   */
  open(): Promise<{ thread: T; posted: readonly number[]; adopted: boolean }>;
  /** Which parts are already in the thread, matched by what a member sees. */
  present(thread: T): Promise<Present>;
  /**
   * Posts one part into the thread. When `signal` aborts it must settle promptly, rejecting with
   * runtime/abort.ts's Aborted, whose `sending` says whether the message was already on its way
   * (a wait for the channel's turn sends nothing; a request in flight may or may not land).
   */
  post(thread: T, index: number, signal: AbortSignal): Promise<void>;
}
