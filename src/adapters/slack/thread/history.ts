/**
 * Reading what an earlier `/article post` left in Slack, so a re-run posts only what is missing:
 * the bot's own parent message for this post among the channel's latest messages
 * (conversations.history), and which parts are already in its thread (conversations.replies,
 * which lists the parent first). Messages are matched by what a member sees of them (each block's
 * text), so nothing is added to what is posted; posting the same plan twice gives the same text.
 */
import type { webApi } from "@slack/bolt";
import type { Present } from "../../../core/thread/sink.js";
import type { SlackMessage } from "../render/limits.js";

/** Messages read per request, and how many requests one look may take. */
const PAGE = 100;
const HISTORY_PAGES = 3;
const REPLY_PAGES = 10;

/** Who the bot is: its messages carry its bot_id (and its user id). */
export interface Author {
  botId: string;
  botUserId: string;
}

interface Listed {
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown[];
  text?: string;
}

type Page = { messages?: Listed[]; has_more?: boolean; response_metadata?: { next_cursor?: string } };

/** The ts of the bot's newest top-level message in the channel that shows what `parent` shows. */
export async function findParent(
  reader: webApi.WebClient,
  channel: string,
  parent: SlackMessage,
  author: Author,
): Promise<string | undefined> {
  const wanted = fingerprint(parent);
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const batch = (await reader.conversations.history({
      channel,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    })) as Page;
    // Newest first: a re-run usually follows the failure it repairs.
    const found = batch.messages?.find(
      (m) =>
        byBot(m, author) && (m.thread_ts === undefined || m.thread_ts === m.ts) && fingerprint(m) === wanted,
    );
    if (found?.ts) return found.ts;
    cursor = next(batch);
    if (!cursor) return undefined;
  }
  return undefined;
}

/** Which of `parts` (index 0 is the parent) the thread under `ts` already holds. */
export async function partsInThread(
  reader: webApi.WebClient,
  thread: { channel: string; ts: string },
  parts: readonly SlackMessage[],
  author: Author,
): Promise<Present> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let read = 0;
  for (let page = 0; page < REPLY_PAGES; page++) {
    const batch = (await reader.conversations.replies({
      channel: thread.channel,
      ts: thread.ts,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    })) as Page;
    for (const m of batch.messages ?? [])
      if (m.ts !== thread.ts && byBot(m, author)) seen.push(fingerprint(m));
    read += batch.messages?.length ?? 0;
    cursor = next(batch);
    if (!cursor) return { present: matched(parts, seen), complete: true };
  }
  return { present: matched(parts, seen), complete: false, checked: read };
}

/**
 * The parent is there by definition (the thread is known by it); each other part is matched by one
 * reply at most, so a text that repeats counts as often as it was posted.
 */
function matched(parts: readonly SlackMessage[], seen: readonly string[]): Set<number> {
  const unclaimed = [...seen];
  const present = new Set([0]);
  parts.forEach((part, i) => {
    if (i === 0) return;
    const at = unclaimed.indexOf(fingerprint(part));
    if (at < 0) return;
    unclaimed.splice(at, 1);
    present.add(i);
  });
  return present;
}

const byBot = (m: Listed, author: Author) => m.bot_id === author.botId || m.user === author.botUserId;

const next = (page: Page): string | undefined =>
  page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;

type Json = Record<string, unknown>;

/**
 * What a member sees of a message: each block's text (a context's elements, a rich text's runs).
 * Slack returns more than the bot sent (block ids, `verbatim`, `emoji`), which this leaves out.
 */
export function fingerprint(message: { blocks?: unknown[]; text?: string }): string {
  const text = (t: unknown) => String((t as Json | undefined)?.text ?? "").trim();
  const shown = (block: Json): unknown => {
    const elements = (block.elements ?? []) as Json[];
    if (block.type === "context") return elements.map(text);
    if (block.type === "rich_text") return elements.map((e) => ((e.elements ?? []) as Json[]).map(text));
    return text(block.text);
  };
  const blocks = (message.blocks ?? []) as Json[];
  return JSON.stringify(blocks.length > 0 ? blocks.map(shown) : [message.text?.trim() ?? ""]);
}
