/**
 * What `/article post` puts in Slack: a parent message, then the article as replies in its thread.
 * Each message is a part the thread-posting core knows by a PartLabel: the parent is the header
 * (part 0), the replies are the article's parts (the closing line rides on the last one).
 */
import { slice } from "../../../article/span.js";
import type { Reply, ThreadPlan } from "../../../core/reply.js";
import { closingLine } from "../../../core/reply-parts.js";
import type { PartLabel } from "../../../core/thread/sink.js";
import { pack, type ShownArticle } from "../../../render/pack.js";
import { escapeMrkdwn } from "./escape.js";
import { context, LIMITS, type SlackMessage, section } from "./limits.js";
import { renderReply } from "./reply.js";

export interface RenderedThread {
  parent: SlackMessage;
  replies: SlackMessage[];
  /** False when the replies carry none of the article's text, only the closing line. */
  articleText?: boolean;
}

/**
 * The article is packed paragraph by paragraph into sections of at most 3,000 characters, one
 * section per reply: the fewest messages Slack's limits allow, each readable on its own. The
 * closing line rides on the last reply rather than costing a message of its own.
 */
export function renderThread(
  plan: ThreadPlan,
  article: ShownArticle,
  bot: { botUserId: string },
): RenderedThread {
  const paragraphs = plan.body.map((p) => escapeMrkdwn(slice(article.text, p)));
  const replies: SlackMessage[] = pack(paragraphs, LIMITS.sectionText).map((text) => ({
    text,
    blocks: [section(text)],
  }));
  const last = context([closing(plan, bot.botUserId)]);
  // A plan with no article text (an added article's short post): the closing line is the reply.
  if (replies.length === 0) replies.push({ text: escapeMrkdwn(plan.closing), blocks: [last] });
  else replies.at(-1)?.blocks.push(last);

  const [parent = { text: "", blocks: [] }] = renderReply(parentReply(plan), article);
  parent.blocks.push(
    context([
      escapeMrkdwn(
        plan.body.length > 0
          ? `The full article follows in this thread, in ${replies.length} ${plural(replies.length)}.`
          : "Discuss it in this thread.",
      ),
    ]),
  );
  return {
    parent: { ...parent, blocks: parent.blocks.slice(0, LIMITS.blocks) },
    replies,
    articleText: plan.body.length > 0,
  };
}

/**
 * Slack runs no slash commands in threads ("not supported in threads"), so the closing line says
 * how to ask there: by mentioning the bot, `@article_bot quote grants` (its one live mention).
 */
const closing = (plan: ThreadPlan, botUserId: string): string =>
  closingLine(plan, {
    lead: "Ask the bot here by mentioning it:",
    ask: (command) => `<@${botUserId}> ${escapeMrkdwn(command)}`,
    escape: escapeMrkdwn,
  });

/** The thread's title heads the parent message; a custom title keeps the article's own beneath it. */
function parentReply(plan: ThreadPlan): Reply {
  const { header } = plan;
  if (!header.title || header.title === plan.threadTitle) return { ...header, title: plan.threadTitle };
  return {
    ...header,
    title: plan.threadTitle,
    blocks: [{ type: "heading", text: header.title }, ...header.blocks],
  };
}

export const plural = (n: number): string => (n === 1 ? "reply" : "replies");

/** One message of the thread, named as the core names it. */
export interface ThreadPart {
  label: PartLabel;
  message: SlackMessage;
}

/**
 * The thread's messages in posting order: the parent (part 0), then each reply (the article's
 * parts, or the closing line alone when the plan has no article text).
 */
export const threadParts = ({ parent, replies, articleText }: RenderedThread): ThreadPart[] => [
  { label: { kind: "header", index: 1, count: 1 }, message: parent },
  ...replies.map((message, i) => ({
    label: {
      kind: articleText === false ? ("closing" as const) : ("article" as const),
      index: i + 1,
      count: replies.length,
    },
    message,
  })),
];
