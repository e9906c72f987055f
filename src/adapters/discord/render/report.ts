import { listWords } from "../../../core/reply-parts.js";
import type { NamedPermission } from "../access.js";
import { errorReason, isPermissionError } from "../errors.js";
import { escapeMarkdown } from "./escape.js";
import type { ThreadPart } from "./thread.js";

/**
 * What the moderator reads while and after /article post runs: progress, then exactly what is in
 * the thread and what is not. Channel mentions (<#id>) are links in Discord and ping no one.
 */
export const link = (channelId: string): string => `<#${channelId}>`;

export const creating = (channelId: string): string => `Creating a thread in ${link(channelId)}…`;

export const checking = (threadId: string): string =>
  `Checking which parts are already in ${link(threadId)}…`;

export const posting = (n: number, total: number, threadId: string): string =>
  `Posting ${n} of ${total} in ${link(threadId)}…`;

/** The end of a run that posted `posted` (indexes into `parts`) after finding `found` already there. */
export function done(
  parts: readonly ThreadPart[],
  found: ReadonlySet<number>,
  posted: readonly number[],
  threadId: string,
): string {
  if (posted.length === 0)
    return `Everything is already in ${link(threadId)}: ${describeParts(parts)}. Nothing was posted.`;
  const count = `${posted.length} message${posted.length === 1 ? "" : "s"}`;
  if (found.size === 0) return `Posted ${describeParts(parts)}: ${count}. The thread: ${link(threadId)}`;
  return `Posted ${describeParts(pick(parts, posted))}, which ${posted.length === 1 ? "was" : "were"} missing: ${count}. Already there: ${describeParts(pick(parts, found))}. The thread: ${link(threadId)}`;
}

export function notCreated(channelId: string, error: unknown, needs: readonly NamedPermission[]): string {
  const next = isPermissionError(error)
    ? `Give the bot ${names(needs)} in ${link(channelId)}, or run /article post inside an existing thread.`
    : "Try again in a minute.";
  return `Could not create a thread in ${link(channelId)}: ${errorReason(error)}. Nothing was posted. ${next}`;
}

/** Shutdown before anything was posted; a thread may have been started (when `name` is given). */
export const notStarted = (channelId?: string, name?: string): string =>
  channelId && name
    ? `The bot is restarting: nothing was posted. If Discord started the thread “${escapeMarkdown(name)}” in ${link(channelId)}, run /article post inside it when the bot is back: it posts only what is missing.`
    : "The bot is restarting: nothing was posted. Run /article post again when it is back.";

export const partlyChecked = (messages: number): string =>
  `(The thread is long: the bot looked for parts already posted among its latest ${messages.toLocaleString("en-US")} messages only.)`;

export const notRead = (threadId: string, error: unknown): string =>
  `Could not read ${link(threadId)} to see which parts are already there: ${errorReason(error)}. Nothing was posted. Try again in a minute.`;

/** Why posting stopped, and what the moderator can do about it. */
export type StopCause =
  | { kind: "refused"; error: unknown; needs: readonly NamedPermission[] }
  | { kind: "shutdown" };

export interface Stop {
  parts: readonly ThreadPart[];
  /** Parts in the thread now: found there before this run, or posted by it. */
  present: ReadonlySet<number>;
  /** The part being posted when the run stopped. */
  at: number;
  /** Sent, but Discord had not confirmed it when the bot stopped. */
  unsure: boolean;
  threadId: string;
  cause: StopCause;
}

/** Exactly what is in the thread and what is not, and how to finish: a re-run posts only what is missing. */
export function stopped({ parts, present, at, unsure, threadId, cause }: Stop): string {
  const here = link(threadId);
  const part = describeParts(pick(parts, [at]));
  const indexes = parts.map((_, i) => i);
  const posted = indexes.filter((i) => present.has(i));
  const missing = indexes.filter((i) => !present.has(i) && !(unsure && i === at));
  const rerun = `run /article post inside ${here}: it posts only what is missing.`;
  const lines =
    cause.kind === "shutdown"
      ? [`Stopped ${unsure ? "while posting" : "before"} ${part} in ${here}: the bot is restarting.`]
      : [`Stopped at ${part} in ${here}: ${errorReason(cause.error)}.`];
  lines.push(posted.length > 0 ? `Posted: ${describeParts(pick(parts, posted))}.` : "Nothing is posted yet.");
  if (unsure) lines.push(`Perhaps posted (Discord had not confirmed it): ${part}.`);
  if (missing.length > 0) lines.push(`Not posted: ${describeParts(pick(parts, missing))}.`);
  if (cause.kind === "shutdown") lines.push(`When the bot is back, ${rerun}`);
  else if (isPermissionError(cause.error))
    lines.push(`Give the bot ${names(cause.needs)} in ${here}, then ${rerun}`);
  else lines.push(`In a minute, ${rerun}`);
  return lines.join("\n");
}

export const botCannot = (channelId: string, lacking: readonly string[]): string =>
  `The bot cannot post in ${link(channelId)}: it lacks ${listWords([...lacking])} there. A server admin can grant them to the bot's role in that channel's permissions. Nothing was posted.`;

const names = (needs: readonly NamedPermission[]) => listWords(needs.map((p) => p.name));

const pick = (parts: readonly ThreadPart[], indexes: Iterable<number>): ThreadPart[] =>
  [...indexes]
    .sort((a, b) => a - b)
    .map((i) => parts[i])
    .filter((p) => p !== undefined);

const NOUNS: Record<ThreadPart["kind"], { whole: string; piece: string }> = {
  header: { whole: "the header", piece: "header message" },
  article: { whole: "the article", piece: "article part" },
  closing: { whole: "the closing line", piece: "closing message" },
};

/** "the header, article parts 1–2 of 3": consecutive parts of a kind named as one range. */
export function describeParts(parts: readonly ThreadPart[]): string {
  const runs: { kind: ThreadPart["kind"]; first: number; last: number; count: number }[] = [];
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
