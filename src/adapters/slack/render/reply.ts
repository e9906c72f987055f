import type { types } from "@slack/bolt";
import { slice } from "../../../article/span.js";
import type { Block, QuoteBlock, Reply } from "../../../core/reply.js";
import { attribution, provenanceLabel } from "../../../core/reply-parts.js";
import { listItemText, MENTION_REFERENCES, runs, type ShownArticle } from "../../../render/pack.js";
import { renderText } from "../../../render/plain-text.js";
import { bold, escapeMrkdwn } from "./escape.js";
import {
  chunk,
  clip,
  context,
  header,
  type KnownBlock,
  LIMITS,
  type SlackMessage,
  sections,
} from "./limits.js";

/**
 * A neutral Reply as Block Kit: a header, sections, quotes as rich-text block quotes with their
 * provenance, and a context footer. Article words are sliced from the article and only escaped;
 * quotes go into rich_text elements, which Slack never parses, so matched sentences are bolded by
 * style instead of by inserting `*` into Sessions' words. More than 50 blocks become more messages.
 */
export function renderReply(reply: Reply, article: ShownArticle): SlackMessage[] {
  const blocks: KnownBlock[] = [];
  if (reply.title) blocks.push(header(reply.title));
  reply.blocks.forEach((block, i) => {
    blocks.push(...renderBlock(block, article, reply.tone === "error" && i === 0));
  });
  if (reply.footer) blocks.push(context([escapeMrkdwn(reply.footer)]));
  // The plain-text fallback shows in notifications and where blocks cannot be drawn.
  const fallback = clip(escapeMrkdwn(renderText(reply, article, { styled: false })), LIMITS.fallbackText);
  return chunk(blocks, LIMITS.blocks).map((part, i) => ({
    text: i === 0 ? fallback : "(continued)",
    blocks: part,
  }));
}

function renderBlock(block: Block, article: ShownArticle, warn: boolean): KnownBlock[] {
  switch (block.type) {
    case "heading":
      return sections([bold(block.text)]);
    case "text":
      return sections([`${warn ? ":warning: " : ""}${escapeMrkdwn(block.text)}`]);
    case "list":
      return sections(
        block.items.map(
          (item, i) =>
            `${block.ordered ? `${i + 1}.` : "•"} ${listItemText(item, article, escapeMrkdwn, MENTION_REFERENCES)}`,
        ),
        "\n",
      );
    case "quote":
      return renderQuote(block, article);
  }
}

type RichText = types.RichTextText;

function renderQuote(block: QuoteBlock, article: ShownArticle): KnownBlock[] {
  const { text, quotes } = article;
  const elements: RichText[] = runs(text, block.quote, block.emphasis).map((run) =>
    run.marked ? { type: "text", text: run.text, style: { bold: true } } : { type: "text", text: run.text },
  );
  const introduction = slice(text, block.provenance.sentence);
  return [
    { type: "rich_text", elements: [{ type: "rich_text_quote", elements }] },
    context([
      escapeMrkdwn(attribution(block, quotes.length)),
      escapeMrkdwn(`${provenanceLabel(block)}: ${introduction}`),
    ]),
  ];
}
