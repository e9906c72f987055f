/**
 * What the moderator reads while and after /article post runs, on Discord: the core's steps and
 * neutral report (worded once in src/core/thread/describe.ts) with Discord's links, reasons and
 * permission fixes, and the one problem found before posting (the bot's own permissions). Channel
 * mentions (<#id>) are links in Discord and ping no one.
 */
import { listWords } from "../../../core/reply-parts.js";
import type { ReportWords } from "../../../core/thread/describe.js";
import type { NamedPermission } from "../access.js";
import { errorReason, isPermissionError, isTokenError, RESET_TOKEN } from "../errors.js";
import { escapeMarkdown } from "./escape.js";

export const link = (channelId: string): string => `<#${channelId}>`;

/**
 * The words for a post into `target` (the channel a thread starts in, or the thread itself) that
 * needs the permissions `needs`; `title` is the new thread's name.
 */
export function reportWords(
  target: { id: string; needs: readonly NamedPermission[] },
  title: string,
): ReportWords<string> {
  const needs = listWords(target.needs.map((p) => p.name));
  return {
    thread: link,
    target: link(target.id),
    title: escapeMarkdown(title),
    platform: "Discord",
    reason: errorReason,
    rerun: (thread) => `run /article post inside ${thread === undefined ? "it" : link(thread)}`,
    fix(error, thread) {
      if (isTokenError(error)) return RESET_TOKEN;
      if (!isPermissionError(error)) return undefined;
      return thread === undefined
        ? `Give the bot ${needs} in ${link(target.id)}, or run /article post inside an existing thread`
        : `Give the bot ${needs} in ${link(thread)}`;
    },
  };
}

export const botCannot = (channelId: string, lacking: readonly string[]): string =>
  `The bot cannot post in ${link(channelId)}: it lacks ${listWords([...lacking])} there. A server admin can grant them to the bot's role in that channel's permissions. Nothing was posted.`;
