import { listWords } from "../../blocks.js";
import { discordReason, isPermissionError } from "./api-errors.js";
import type { NamedPermission } from "./permissions.js";
import type { ThreadPart } from "./render-thread.js";

/**
 * What the moderator reads while and after /article post runs: progress, then exactly what was
 * posted and what was not. Channel mentions (<#id>) are links in Discord and ping no one.
 */
export const link = (channelId: string): string => `<#${channelId}>`;

export const creating = (channelId: string): string => `Creating a thread in ${link(channelId)}…`;

export const posting = (n: number, total: number, threadId: string): string =>
  `Posting ${n} of ${total} in ${link(threadId)}…`;

export const done = (parts: readonly ThreadPart[], threadId: string): string =>
  `Posted ${describeParts(parts)}: ${parts.length} messages. The thread: ${link(threadId)}`;

export function notCreated(channelId: string, error: unknown, needs: readonly NamedPermission[]): string {
  const next = isPermissionError(error)
    ? `Give the bot ${names(needs)} in ${link(channelId)}, or run /article post inside an existing thread.`
    : "Try again in a minute.";
  return `Could not create a thread in ${link(channelId)}: ${discordReason(error)}. Nothing was posted. ${next}`;
}

export function stopped(
  parts: readonly ThreadPart[],
  failedAt: number,
  threadId: string,
  error: unknown,
  needs: readonly NamedPermission[],
): string {
  const posted = parts.slice(0, failedAt);
  const rest = parts.slice(failedAt);
  const next = isPermissionError(error)
    ? `Give the bot ${names(needs)} in ${link(threadId)}, then run /article post again.`
    : "Run /article post again in a minute.";
  return [
    `Stopped at message ${failedAt + 1} of ${parts.length} in ${link(threadId)}: ${discordReason(error)}.`,
    posted.length > 0 ? `Posted: ${describeParts(posted)}.` : "Nothing was posted.",
    `Not posted: ${describeParts(rest)}.`,
    `${next} Running it again posts the whole article again.`,
  ].join("\n");
}

export const botCannot = (channelId: string, lacking: readonly string[]): string =>
  `The bot cannot post in ${link(channelId)}: it lacks ${listWords([...lacking])} there. A server admin can grant them to the bot's role in that channel's permissions. Nothing was posted.`;

const names = (needs: readonly NamedPermission[]) => listWords(needs.map((p) => p.name));

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
