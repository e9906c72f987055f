/**
 * The thread-posting core: a ThreadPlan's rendered parts posted through a platform's sink, in
 * order. It finds the thread if it already exists (a re-run, or a thread the bot started before a
 * failure), reads which parts are already there, posts only the missing ones, reports each step,
 * stops at the first refusal or at shutdown, and ends with one neutral report. Every platform
 * gets the same behaviour, including resuming a half-posted thread; describe.ts words the report.
 */
import { Aborted, unlessAborted } from "../../runtime/abort.js";
import type { Logger } from "../../runtime/log.js";
import type { PostLocks } from "./locks.js";
import type { StopCause, ThreadReport, ThreadStep } from "./report.js";
import type { Present, ThreadSink } from "./sink.js";

export interface PostOptions<T> {
  sink: ThreadSink<T>;
  /** Aborts when the bot must stop: the post stops at once and the report says exactly where. */
  signal: AbortSignal;
  /** The command's log (platform, command, who and where already on it). */
  log: Logger;
  /** Safe log fields for a platform error (status, code, route; never bodies or tokens). */
  errorFields: (error: unknown) => Record<string, unknown>;
  /** Log fields naming a thread, e.g. { thread: id }. */
  threadFields: (thread: T) => Record<string, unknown>;
  /** Told of each step, for the moderator's status line. */
  onStep?: (step: ThreadStep<T>) => void;
  /** Told which parts the thread holds once it is open, and again after each part is posted. */
  onPosted?: (thread: T, present: ReadonlySet<number>) => void;
  /**
   * One post per target at a time: `key` names the target (platform, workspace, channel, title),
   * and a post whose key is held ends at once with a "busy" report, posting nothing.
   */
  lock?: { locks: PostLocks; key: string };
}

// Logged as the cause when a shutdown cuts a post short: not an Error, so no stack trace.
const SHUTDOWN = "the bot is stopping (SIGTERM or SIGINT)";
const STOPPING: StopCause = { kind: "shutdown" };

export async function postThread<T>(options: PostOptions<T>): Promise<ThreadReport<T>> {
  if (!options.lock) return post(options);
  const release = await options.lock.locks.take(options.lock.key);
  if (!release) {
    options.log.warn({ key: options.lock.key }, "thread post refused: another is posting to the same target");
    return { kind: "busy" };
  }
  try {
    return await post(options);
  } finally {
    release();
  }
}

async function post<T>(options: PostOptions<T>): Promise<ThreadReport<T>> {
  const { sink, signal, log, onStep } = options;
  const fail = (message: string, error: unknown, fields: Record<string, unknown> = {}) =>
    log.error(
      { ...fields, cause: error instanceof Aborted ? SHUTDOWN : options.errorFields(error) },
      message,
    );
  const cause = (error: unknown): StopCause =>
    error instanceof Aborted ? STOPPING : { kind: "refused", error };

  // Where the parts go: a thread that is already there, or a new one.
  let thread: T | undefined;
  let found: Present = { present: new Set(), complete: true };
  let opening = false;
  // Parts that starting the thread posted (Slack's parent message): posted by this run.
  let started: readonly number[] = [];
  try {
    thread = await unlessAborted(sink.existing(), signal);
    if (thread === undefined) {
      onStep?.({ kind: "creating" });
      opening = true;
      const opened = await unlessAborted(sink.open(), signal, true);
      opening = false;
      thread = opened.thread;
      started = opened.posted;
      if (opened.adopted) found = await read(options, thread);
    } else found = await read(options, thread);
  } catch (error) {
    if (opening || thread === undefined) {
      const sending = error instanceof Aborted && error.sending;
      fail(error instanceof Aborted ? "thread post cut short by shutdown" : "thread creation failed", error);
      return opening
        ? { kind: "notCreated", cause: cause(error), sending }
        : { kind: "notRead", cause: cause(error) };
    }
    fail(
      error instanceof Aborted ? "thread post cut short by shutdown" : "reading the thread failed",
      error,
      {
        ...options.threadFields(thread),
      },
    );
    return { kind: "notRead", thread, cause: cause(error) };
  }
  return postMissing(options, thread, found, started);
}

/** Which parts the thread already holds, after saying so on the status line. */
function read<T>(options: PostOptions<T>, thread: T): Promise<Present> {
  options.onStep?.({ kind: "checking", thread });
  return unlessAborted(options.sink.present(thread), options.signal);
}

/** Posts the parts not found in the thread, in order; stops at the first refusal or at shutdown. */
async function postMissing<T>(
  options: PostOptions<T>,
  thread: T,
  found: Present,
  started: readonly number[],
): Promise<ThreadReport<T>> {
  const { sink, signal, log, onStep } = options;
  const { parts } = sink;
  const present = new Set([...found.present, ...started]);
  const missing = parts.map((_, i) => i).filter((i) => !present.has(i));
  const posted: number[] = started.filter((i) => !found.present.has(i));
  onStep?.({ kind: "opened", thread, missing: missing.length });
  options.onPosted?.(thread, present);
  for (const [n, at] of missing.entries()) {
    const where = { ...options.threadFields(thread), part: at + 1, of: parts.length };
    const stopped = (unsure: boolean, cause: StopCause): ThreadReport<T> => ({
      kind: "stopped",
      thread,
      parts,
      present: new Set(present),
      at,
      unsure,
      cause,
    });
    if (signal.aborted) {
      log.error({ ...where, cause: SHUTDOWN }, "thread post cut short by shutdown");
      return stopped(false, STOPPING);
    }
    onStep?.({ kind: "posting", thread, n: n + 1, of: missing.length });
    try {
      // The sink races its own waits against the signal: only it knows whether a message was sent.
      await sink.post(thread, at, signal);
    } catch (error) {
      if (error instanceof Aborted) {
        log.error({ ...where, cause: SHUTDOWN }, "thread post cut short by shutdown");
        return stopped(error.sending, STOPPING);
      }
      log.error({ ...where, cause: options.errorFields(error) }, "posting to the thread failed");
      return stopped(false, { kind: "refused", error });
    }
    present.add(at);
    posted.push(at);
    options.onPosted?.(thread, present);
  }
  log.info(
    {
      ...options.threadFields(thread),
      posted: posted.length,
      found: found.present.size,
      checkedWholeThread: found.complete,
    },
    "article posted",
  );
  return {
    kind: "done",
    thread,
    parts,
    found: [...found.present].sort((a, b) => a - b),
    posted,
    ...(found.complete ? {} : { checkedOnly: found.checked ?? 0 }),
  };
}
