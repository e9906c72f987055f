/**
 * The one wording of every thread post's steps and outcome, on every platform: progress, then
 * exactly what is in the thread and what is not, and how to finish (a re-run posts only what is
 * missing). The platform supplies its links, its reasons and its fixes, already in its markup.
 */
import { listWords } from "../reply-parts.js";
import type { StopCause, ThreadReport, ThreadStep } from "./report.js";
import type { PartLabel } from "./sink.js";

export interface ReportWords<T> {
  /** The thread as a link. */
  thread(thread: T): string;
  /** Where a new thread starts, as a link. */
  target: string;
  /** The thread's title as the platform shows it in text (escaped). */
  title: string;
  /** The platform's name, for "If Discord started the thread…". */
  platform: string;
  /** Why a request failed, in words a moderator can act on, without a trailing period. */
  reason(error: unknown): string;
  /** How to finish later, without the ": it posts only what is missing" (e.g. "run /article post inside <#t>"). */
  rerun(thread: T | undefined): string;
  /**
   * What a person must fix before trying again (a permission to grant, an invite), as a clause
   * without a trailing period, or undefined when waiting a minute is the fix. `thread` is absent
   * when no thread was started (Discord adds "or run /article post inside an existing thread").
   */
  fix(error: unknown, thread: T | undefined): string | undefined;
}

const ONLY_MISSING = "it posts only what is missing";

export function describeStep<T>(step: ThreadStep<T>, w: ReportWords<T>): string | undefined {
  switch (step.kind) {
    case "creating":
      return `Creating a thread in ${w.target}…`;
    case "checking":
      return `Checking which parts are already in ${w.thread(step.thread)}…`;
    case "posting":
      return `Posting ${step.n} of ${step.of} in ${w.thread(step.thread)}…`;
    case "opened":
      return undefined;
  }
}

export function describeReport<T>(report: ThreadReport<T>, w: ReportWords<T>): string {
  switch (report.kind) {
    case "done":
      return done(report, w);
    case "notCreated":
      if (report.cause.kind === "shutdown")
        return report.sending
          ? `The bot is restarting: nothing was posted. If ${w.platform} started the thread “${w.title}” in ${w.target}, ${w.rerun(undefined)} when the bot is back: ${ONLY_MISSING}.`
          : RESTARTING;
      return `Could not create a thread in ${w.target}: ${w.reason(report.cause.error)}. Nothing was posted. ${sentence(w.fix(report.cause.error, undefined)) ?? "Try again in a minute."}`;
    case "notRead":
      if (report.cause.kind === "shutdown") return RESTARTING;
      return `Could not read ${report.thread === undefined ? w.target : w.thread(report.thread)} to see which parts are already there: ${w.reason(report.cause.error)}. Nothing was posted. Try again in a minute.`;
    case "stopped":
      return stopped(report, w);
    case "busy":
      return `Another /article post into ${w.target} is running right now, so nothing was posted. It reports when it is done; run /article post again after that if anything is missing.`;
  }
}

const sentence = (clause: string | undefined) => (clause === undefined ? undefined : `${clause}.`);

const RESTARTING = "The bot is restarting: nothing was posted. Run /article post again when it is back.";

function done<T>(report: Extract<ThreadReport<T>, { kind: "done" }>, w: ReportWords<T>): string {
  const { parts, found, posted } = report;
  const here = w.thread(report.thread);
  const note =
    report.checkedOnly === undefined
      ? ""
      : ` (The thread is long: the bot looked for parts already posted among its latest ${report.checkedOnly.toLocaleString("en-US")} messages only.)`;
  if (posted.length === 0)
    return `Everything is already in ${here}: ${describeParts(parts)}. Nothing was posted.${note}`;
  const count = `${posted.length} message${posted.length === 1 ? "" : "s"}`;
  if (found.length === 0) return `Posted ${describeParts(parts)}: ${count}. The thread: ${here}${note}`;
  return `Posted ${describeParts(pick(parts, posted))}, which ${posted.length === 1 ? "was" : "were"} missing: ${count}. Already there: ${describeParts(pick(parts, found))}. The thread: ${here}${note}`;
}

function stopped<T>(report: Extract<ThreadReport<T>, { kind: "stopped" }>, w: ReportWords<T>): string {
  const { parts, present, at, unsure, cause } = report;
  const here = w.thread(report.thread);
  const part = describeParts(pick(parts, [at]));
  const indexes = parts.map((_, i) => i);
  const posted = indexes.filter((i) => present.has(i));
  const missing = indexes.filter((i) => !present.has(i) && !(unsure && i === at));
  const rerun = `${w.rerun(report.thread)}: ${ONLY_MISSING}.`;
  const lines =
    cause.kind === "shutdown"
      ? [`Stopped ${unsure ? "while posting" : "before"} ${part} in ${here}: the bot is restarting.`]
      : [`Stopped at ${part} in ${here}: ${w.reason(cause.error)}.`];
  lines.push(posted.length > 0 ? `Posted: ${describeParts(pick(parts, posted))}.` : "Nothing is posted yet.");
  if (unsure) lines.push(`Perhaps posted (${w.platform} had not confirmed it): ${part}.`);
  if (missing.length > 0) lines.push(`Not posted: ${describeParts(pick(parts, missing))}.`);
  lines.push(closing(cause, w, report.thread, rerun));
  return lines.join("\n");
}

function closing<T>(cause: StopCause, w: ReportWords<T>, thread: T, rerun: string): string {
  if (cause.kind === "shutdown") return `When the bot is back, ${rerun}`;
  const fix = w.fix(cause.error, thread);
  return fix ? `${fix}, then ${rerun}` : `In a minute, ${rerun}`;
}

const pick = (parts: readonly PartLabel[], indexes: Iterable<number>): PartLabel[] =>
  [...indexes]
    .sort((a, b) => a - b)
    .map((i) => parts[i])
    .filter((p) => p !== undefined);

const NOUNS: Record<PartLabel["kind"], { whole: string; piece: string }> = {
  header: { whole: "the header", piece: "header message" },
  article: { whole: "the article", piece: "article part" },
  closing: { whole: "the closing line", piece: "closing message" },
};

/** "the header, article parts 1–2 of 3": consecutive parts of a kind named as one range. */
export function describeParts(parts: readonly PartLabel[]): string {
  const runs: { kind: PartLabel["kind"]; first: number; last: number; count: number }[] = [];
  for (const p of parts) {
    const run = runs.at(-1);
    if (run && run.kind === p.kind && run.last + 1 === p.index) run.last = p.index;
    else runs.push({ kind: p.kind, first: p.index, last: p.index, count: p.count });
  }
  return listWords(
    runs.map(({ kind, first, last, count }) => {
      const noun = NOUNS[kind];
      if (first === 1 && last === count)
        return count === 1 ? noun.whole : `${noun.whole} (${count} messages)`;
      return first === last
        ? `${noun.piece} ${first} of ${count}`
        : `${noun.piece}s ${first}–${last} of ${count}`;
    }),
  );
}
