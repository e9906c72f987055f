/**
 * Plain text: the console's output, and the fallback text of a Slack message. Article words are printed exactly as sliced from article.txt; with
 * `styled` (a TTY) matching sentences are bold, otherwise they are listed by number after the quote.
 */
import { styleText } from "node:util";
import { slice } from "../article/span.js";
import { visible } from "../core/echo.js";
import type { Block, Outcome, QuoteBlock, Reply, ThreadPlan } from "../core/reply.js";
import { attribution, closingLine, provenanceLabel } from "../core/reply-parts.js";
import { listItemText, runs, type ShownArticle } from "./pack.js";

export interface TextStyle {
  styled: boolean;
}

type Style = Parameters<typeof styleText>[0];

/**
 * Our words (which may repeat what a member typed) with every control character but the line
 * breaks we put there made visible, so nothing in a reply can drive the terminal.
 */
const ours = (text: string): string => text.split("\n").map(visible).join("\n");

export function renderText(outcome: Outcome, article: ShownArticle, style: TextStyle): string {
  const s = (format: Style, text: string) => (style.styled ? styleText(format, text) : text);
  return outcome.kind === "thread"
    ? renderThread(outcome, article, style, s)
    : renderReply(outcome, article, style, s);
}

type Styler = (format: Style, text: string) => string;

function renderReply(reply: Reply, article: ShownArticle, style: TextStyle, s: Styler): string {
  const lines: string[] = [];
  if (reply.title) lines.push(s("bold", ours(reply.title)));
  for (const block of reply.blocks) lines.push(...renderBlock(block, article, style, s));
  if (reply.footer) lines.push(s("dim", `— ${ours(reply.footer)}`));
  const text = lines.join("\n");
  return reply.tone === "error" ? s("red", text) : text;
}

function renderBlock(block: Block, article: ShownArticle, style: TextStyle, s: Styler): string[] {
  switch (block.type) {
    case "heading":
      return ["", s("bold", ours(block.text))];
    case "text":
      return [ours(block.text)];
    case "list":
      return block.items.map(
        (item, i) => `  ${block.ordered ? `${i + 1}.` : "•"} ${listItemText(item, article, ours)}`,
      );
    case "quote":
      return renderQuote(block, article, style, s);
  }
}

function renderQuote(block: QuoteBlock, article: ShownArticle, style: TextStyle, s: Styler): string[] {
  const { text, quotes } = article;
  const emphasis = block.emphasis ?? [];
  const body = runs(text, block.quote, style.styled ? emphasis : [])
    .map((r) => (r.marked ? s("bold", r.text) : r.text))
    .join("");
  const lines = [
    "",
    `> ${body}`,
    s("dim", `  ${attribution(block, quotes.length)}`),
    s("dim", `  ${provenanceLabel(block)}: ${slice(text, block.provenance.sentence)}`),
  ];
  if (!style.styled && emphasis.length > 0) {
    const all = quotes.find((q) => q.number === block.number)?.sentences ?? [];
    const numbers = emphasis.map((e) => all.findIndex((x) => x.start === e.start) + 1).filter((n) => n > 0);
    lines.push(
      `  Matching sentence${numbers.length === 1 ? "" : "s"}: ${numbers.join(", ")} of ${all.length}`,
    );
  }
  return lines;
}

function renderThread(plan: ThreadPlan, article: ShownArticle, style: TextStyle, s: Styler): string {
  const where = plan.channel ? `in ${ours(plan.channel)}` : "here";
  const rule = s("dim", "────────");
  // An added article's short post has no body: its header carries the summary and key quotes.
  const body = plan.body.length > 0 ? [plan.body.map((p) => slice(article.text, p)).join("\n\n"), rule] : [];
  return [
    s(
      "bold",
      `Thread “${ours(plan.threadTitle)}” ${where} (the console prints what Discord and Slack would post):`,
    ),
    ...(plan.notice ? [s("yellow", `Notice: ${ours(plan.notice)}`)] : []),
    rule,
    renderReply(plan.header, article, style, s),
    rule,
    ...body,
    closingLine(plan, { lead: "Try", ask: (command) => `/${ours(command)}`, escape: ours }),
  ].join("\n");
}
