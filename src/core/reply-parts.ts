/** Pieces several commands build their replies from. */
import type { Article } from "../article/load.js";
import type { Quote } from "../article/quotes.js";
import type { Span } from "../article/span.js";
import type { QuoteBlock, ThreadPlan } from "./reply.js";

export const visibility = (isPrivate: boolean): "public" | "private" => (isPrivate ? "private" : "public");

export function quoteBlock(article: Article, quote: Quote, emphasis: Span[] = []): QuoteBlock {
  return {
    type: "quote",
    number: quote.number,
    quote: { start: quote.start, end: quote.end },
    speaker: article.speaker.name,
    role: article.speaker.role,
    paragraph: quote.paragraph,
    provenance: {
      sentence: { start: quote.provenance.start, end: quote.provenance.end },
      paragraph: quote.provenance.paragraph,
    },
    emphasis: emphasis.map(({ start, end }) => ({ start, end })),
  };
}

/**
 * Where the article's reporting sentence stands relative to the quote: "Introduced in ¶3" when it
 * comes first (or the quote sits inside it), "Reported in ¶9, after the quote" when it follows.
 */
export function provenanceLabel(block: Pick<QuoteBlock, "quote" | "provenance">): string {
  const { sentence, paragraph } = block.provenance;
  return sentence.start >= block.quote.end
    ? `Reported in ¶${paragraph}, after the quote`
    : `Introduced in ¶${paragraph}`;
}

/**
 * A thread's closing line with the commands it suggests worded as this platform asks for them:
 * "… Try /summary, /quote grants or /penalties." `escape` is applied to our own words only; `ask`
 * returns each command ready for the platform (a mention, a slash command), escaped as needed.
 */
export function closingLine(
  plan: Pick<ThreadPlan, "closing" | "suggest">,
  words: { lead: string; ask: (command: string) => string; escape?: (text: string) => string },
): string {
  const ours = words.escape ?? ((t: string) => t);
  if (plan.suggest.length === 0) return ours(plan.closing);
  const asks = plan.suggest.map(words.ask);
  const list = asks.length === 1 ? asks.join("") : `${asks.slice(0, -1).join(", ")} or ${asks.at(-1)}`;
  return `${ours(`${plan.closing} ${words.lead}`)} ${list}.`;
}

/** "Source: article reporting Cox Media and Fox News" — every answer credits where the words come from. */
export const sourceFooter = (article: Article): string =>
  `Source: the article, as reported by ${listWords(article.outlets.map((o) => o.name))}`;

export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export const citeText = (cites: readonly number[]): string => `(${cites.map((c) => `¶${c}`).join(", ")})`;

/** The paragraph of the quote that holds `span` (penalties and conditions live inside quotes). */
export const paragraphOf = (article: Article, span: Span): number[] => {
  const quote = article.quotes.find((q) => q.start <= span.start && span.end <= q.end);
  return quote ? [quote.paragraph] : [];
};

/** "Jeff Sessions’ passages", "the author’s view". */
export const possessive = (name: string): string => (name.endsWith("s") ? `${name}’` : `${name}’s`);

/** The short summary as one paragraph, each sentence followed by its citations. */
export const tldr = (article: Article): string =>
  article.summary.short.map((s) => `${s.text} ${citeText(s.cites)}`).join(" ");
