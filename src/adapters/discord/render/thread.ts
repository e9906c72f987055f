/** A ThreadPlan as Discord messages, each labelled with the core's PartLabel. */
import type { APIEmbed } from "discord.js";
import type { ThreadPlan } from "../../../core/reply.js";
import { closingLine } from "../../../core/reply-parts.js";
import type { PartLabel } from "../../../core/thread/sink.js";
import { clip, pack, type ShownArticle } from "../../../render/pack.js";
import { escapeMarkdown as esc, escapeKeepingLinks } from "./escape.js";
import { LIMITS } from "./limits.js";
import { renderReply } from "./reply.js";

/** One message of a thread post, labelled so the core's progress and reports can name it. */
export interface ThreadPart extends PartLabel {
  message: { content?: string; embeds?: APIEmbed[] };
}

/** Thread names are plain text up to 100 characters. */
export const threadName = (plan: ThreadPlan): string => clip(plan.threadTitle.trim(), LIMITS.threadName);

/**
 * The plan as the messages to post, in order: the header as embeds, then the article packed on
 * paragraph boundaries into as few 2,000-character messages as possible (headings in bold), with
 * the closing line as subtext under the last part when it fits there, else as one more message.
 *
 * The header needs a message of its own: Discord shows a message's embeds below its text, and the
 * card introduces the article.
 */
export function renderThread(plan: ThreadPlan, article: ShownArticle): ThreadPart[] {
  const headings = new Set(article.paragraphs.filter((p) => p.heading).map((p) => p.start));
  const paragraphs = plan.body.map(({ start, end }) => {
    const words = esc(article.text.slice(start, end));
    return headings.has(start) ? `**${words}**` : words;
  });
  const body = pack(paragraphs, LIMITS.content);
  // Slash commands run in Discord threads: the closing line suggests them as typed.
  // Our closing words may hold the article's address (an added article's short post): kept a link.
  const closing = `-# ${closingLine(plan, { lead: "Try", ask: (command) => `/${esc(command)}`, escape: escapeKeepingLinks })}`;
  const last = body.length - 1;
  const fits = last >= 0 && (body[last] as string).length + 2 + closing.length <= LIMITS.content;
  if (fits) body[last] = `${body[last]}\n\n${closing}`;
  return [
    ...numbered(
      "header",
      renderReply(plan.header, article).map((embeds) => ({ embeds })),
    ),
    ...numbered(
      "article",
      body.map((content) => ({ content })),
    ),
    ...numbered(
      "closing",
      (fits ? [] : pack([closing], LIMITS.content)).map((content) => ({ content })),
    ),
  ];
}

const numbered = (kind: ThreadPart["kind"], messages: ThreadPart["message"][]): ThreadPart[] =>
  messages.map((message, i) => ({ kind, index: i + 1, count: messages.length, message }));
