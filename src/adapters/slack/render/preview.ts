/**
 * The /article post preview on Slack: the core's words (src/core/thread/confirm-words.ts) with the
 * channel as Slack links it, the parent message exactly as it will be posted, and an actions block
 * with Post and Cancel whose value is the pending post's id.
 */
import { BUTTONS, previewText } from "../../../core/thread/confirm-words.js";
import type { ChannelRef } from "../thread/target.js";
import { escapeMrkdwn } from "./escape.js";
import { type KnownBlock, LIMITS, type SlackMessage, section } from "./limits.js";
import { plural, type RenderedThread } from "./thread.js";

/** The action_id of each button: what the adapter's app.action listens for. */
export const ACTIONS = { post: "article_post_confirm", cancel: "article_post_cancel" } as const;

export function renderPreview(p: {
  id: string;
  title: string;
  target: ChannelRef;
  thread: RenderedThread;
  ttlMs: number;
  /** The plan's notice (plain text), shown above everything else. */
  notice?: string | undefined;
}): SlackMessage {
  const { replies, articleText } = p.thread;
  const asked = previewText({
    title: escapeMrkdwn(p.title),
    where: p.target.label,
    how:
      articleText !== false
        ? `(a parent message, then the article in ${replies.length} ${plural(replies.length)} in its thread)`
        : `(a parent message, then a closing reply in its thread)`,
    messages: 1 + replies.length,
    ttlMs: p.ttlMs,
  });
  const text = p.notice ? `:warning: ${escapeMrkdwn(p.notice)}\n${asked}` : asked;
  const actions: KnownBlock = {
    type: "actions",
    block_id: "article_post_preview",
    elements: [
      button(BUTTONS.post, ACTIONS.post, p.id, "primary"),
      button(BUTTONS.cancel, ACTIONS.cancel, p.id),
    ],
  };
  const card = p.thread.parent.blocks.slice(0, LIMITS.blocks - 3);
  return { text, blocks: [section(text), { type: "divider" }, ...card, actions] };
}

const button = (label: string, actionId: string, value: string, style?: "primary") => ({
  type: "button" as const,
  text: { type: "plain_text" as const, text: label },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});
