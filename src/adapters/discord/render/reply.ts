/** The neutral Reply as Discord embeds, within Discord's limits, every quote verbatim. */
import type { APIEmbed } from "discord.js";
import { type Span, slice } from "../../../article/span.js";
import type { Block, QuoteBlock, Reply } from "../../../core/reply.js";
import { attribution, provenanceLabel } from "../../../core/reply-parts.js";
import {
  clip,
  listItemText,
  MENTION_REFERENCES,
  pack,
  runs,
  type ShownArticle,
} from "../../../render/pack.js";
import { escapeMarkdown as esc, escapeKeepingLinks } from "./escape.js";
import { LIMITS } from "./limits.js";

/** One Discord message's worth of embeds. */
export type EmbedMessage = APIEmbed[];

const COLOR = { info: 0x5865f2, error: 0xed4245 } as const;

/**
 * A neutral Reply as Discord embeds: the title, the blocks as markdown in the description, the
 * footer. Too much for one embed continues in the next; too much for one message (10 embeds or
 * 6,000 characters) continues in the next message. Quotes are split, never truncated.
 */
export function renderReply(reply: Reply, article: ShownArticle): EmbedMessage[] {
  const title = reply.title ? clip(esc(reply.title), LIMITS.embedTitle) : undefined;
  // Footers are shown as plain text by Discord: no markdown, so no escaping.
  const footer = reply.footer ? clip(reply.footer, LIMITS.embedFooter) : undefined;
  // The first embed carries the title and the last the footer: leave room for both in one message.
  const limit = Math.min(
    LIMITS.embedDescription,
    LIMITS.embedTotal - (title?.length ?? 0) - (footer?.length ?? 0),
  );
  const blocks = reply.blocks.flatMap((b) => pack(blockLines(b, article, limit), limit, "\n"));
  const descriptions = pack(blocks, limit, "\n\n");
  const color = COLOR[reply.tone ?? "info"];
  const embeds: APIEmbed[] = (descriptions.length > 0 ? descriptions : [undefined]).map((d) => ({
    color,
    ...(d === undefined ? {} : { description: d }),
  }));
  const first = embeds[0] as APIEmbed;
  const last = embeds.at(-1) as APIEmbed;
  if (title) first.title = title;
  if (footer) last.footer = { text: footer };
  return intoMessages(embeds);
}

/**
 * Each block as lines of markdown. Quote lines are kept within `limit`, so packing never cuts a
 * quote; a longer line of our own text is split at a space by `pack`.
 */
function blockLines(block: Block, article: ShownArticle, limit: number): string[] {
  switch (block.type) {
    case "heading":
      return [`**${esc(block.text)}**`];
    case "text":
      // Our words, which may give an address (an added article's page): that stays a link.
      return [escapeKeepingLinks(block.text)];
    case "list":
      return block.items.map(
        (item, i) =>
          `${block.ordered ? `${i + 1}.` : "-"} ${listItemText(item, article, esc, MENTION_REFERENCES)}`,
      );
    case "quote":
      return quoteLines(block, article, limit);
  }
}

/** The quote as a block quote with matching sentences in bold, then who said it and where. */
function quoteLines(block: QuoteBlock, article: ShownArticle, limit: number): string[] {
  const { text, quotes } = article;
  const render = (span: Span) => blockQuote(text, span, block.emphasis ?? []);
  return [
    ...fitSpan(text, block.quote, render, limit),
    esc(attribution(block, quotes.length)),
    `${provenanceLabel(block)}: ${esc(slice(text, block.provenance.sentence))}`,
  ];
}

/** `> ` before every line, bold around each line of an emphasised run, every character as sliced. */
function blockQuote(text: string, span: Span, emphasis: readonly Span[]): string {
  const marked = runs(text, span, emphasis)
    .reduce<{ text: string; marked: boolean }[]>((merged, run) => {
      // Adjacent bold runs would meet as `****`, which Discord does not read as two bold runs.
      const previous = merged.at(-1);
      if (previous && previous.marked === run.marked) previous.text += run.text;
      else merged.push({ ...run });
      return merged;
    }, [])
    .map((run) => {
      const escaped = esc(run.text);
      return run.marked ? escaped.split("\n").map(bold).join("\n") : escaped;
    })
    .join("");
  return marked
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** Bold must hug the words (`** words**` is not bold in Discord): spaces around a line stay outside. */
function bold(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && /\s/u.test(line[start] as string)) start++;
  while (end > start && /\s/u.test(line[end - 1] as string)) end--;
  if (start === end) return line;
  return `${line.slice(0, start)}**${line.slice(start, end)}**${line.slice(end)}`;
}

/**
 * The span rendered, in pieces that each fit `limit`: halved at a space until each does. The space
 * stays at the end of the earlier piece, so no character of the quote is lost.
 */
function fitSpan(text: string, span: Span, render: (s: Span) => string, limit: number): string[] {
  const whole = render(span);
  if (whole.length <= limit || span.end - span.start < 2) return [whole];
  const middle = Math.floor((span.start + span.end) / 2);
  const space = text.lastIndexOf(" ", middle);
  const cut = space > span.start && space + 1 < span.end ? space + 1 : middle;
  return [
    ...fitSpan(text, { start: span.start, end: cut }, render, limit),
    ...fitSpan(text, { start: cut, end: span.end }, render, limit),
  ];
}

const embedLength = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);

/** Groups embeds into as few messages as the 10-embed and 6,000-character limits allow. */
function intoMessages(embeds: APIEmbed[]): EmbedMessage[] {
  const messages: EmbedMessage[] = [];
  let current: EmbedMessage = [];
  let length = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (
      current.length > 0 &&
      (current.length === LIMITS.embedsPerMessage || length + size > LIMITS.embedTotal)
    ) {
      messages.push(current);
      current = [];
      length = 0;
    }
    current.push(embed);
    length += size;
  }
  messages.push(current);
  return messages;
}
