/** Pieces several commands build their replies from. */
import type { Article } from "../article/load.js";
import type { Quote } from "../article/quotes.js";
import type { Span } from "../article/span.js";
import type { QuoteBlock } from "./reply.js";

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
