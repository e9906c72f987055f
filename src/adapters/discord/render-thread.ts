import type { APIEmbed } from "discord.js";
import type { Article } from "../../article/load.js";
import { pack } from "../../render-kit.js";
import type { ThreadPlan } from "../../reply.js";
import { escapeMarkdown as esc } from "./escape.js";
import { clip, LIMITS } from "./limits.js";
import { renderReply } from "./render-reply.js";

/** One message of a thread post, and what it is, so progress and failures can name it. */
export interface ThreadPart {
  kind: "header" | "article" | "closing";
  /** Position among the parts of the same kind (from 1), and how many of that kind there are. */
  index: number;
  count: number;
  message: { content?: string; embeds?: APIEmbed[] };
}

/** Thread names are plain text up to 100 characters. */
export const threadName = (plan: ThreadPlan): string => clip(plan.threadTitle.trim(), LIMITS.threadName);

/**
 * The plan as the messages to post, in order: the header as embeds, the article packed on
 * paragraph boundaries into as few 2,000-character messages as possible (headings in bold), and
 * the closing line.
 */
export function renderThread(plan: ThreadPlan, article: Article): ThreadPart[] {
  const headings = new Set(article.paragraphs.filter((p) => p.heading).map((p) => p.start));
  const paragraphs = plan.body.map(({ start, end }) => {
    const words = esc(article.text.slice(start, end));
    return headings.has(start) ? `**${words}**` : words;
  });
  return [
    ...numbered(
      "header",
      renderReply(plan.header, article).map((embeds) => ({ embeds })),
    ),
    ...numbered(
      "article",
      pack(paragraphs, LIMITS.content).map((content) => ({ content })),
    ),
    ...numbered(
      "closing",
      pack([esc(plan.closing)], LIMITS.content).map((content) => ({ content })),
    ),
  ];
}

const numbered = (kind: ThreadPart["kind"], messages: ThreadPart["message"][]): ThreadPart[] =>
  messages.map((message, i) => ({ kind, index: i + 1, count: messages.length, message }));
