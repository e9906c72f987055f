/** Pieces several commands build their replies from. */
import type { AddedArticle, AnyArticle } from "../article/kinds.js";
import type { Article } from "../article/load.js";
import type { Quote } from "../article/quotes.js";
import type { Span } from "../article/span.js";
import type { QuoteBlock, ThreadPlan } from "./reply.js";

export const visibility = (isPrivate: boolean): "public" | "private" => (isPrivate ? "private" : "public");

/** A quote as a block: the shipped article's speaker with his role, an added one's by name alone. */
export function quoteBlock(article: AnyArticle, quote: Quote, emphasis: Span[] = []): QuoteBlock {
  const { name, role } = article.kind === "curated" ? article.speaker : { name: quote.speaker, role: "" };
  return {
    type: "quote",
    number: quote.number,
    quote: { start: quote.start, end: quote.end },
    speaker: name,
    role,
    paragraph: quote.paragraph,
    provenance: {
      sentence: { start: quote.provenance.start, end: quote.provenance.end },
      paragraph: quote.provenance.paragraph,
    },
    emphasis: emphasis.map(({ start, end }) => ({ start, end })),
  };
}

/**
 * "— Jeff Sessions, Attorney General · passage 2 of 3, ¶6"; an added article's speakers have no
 * role, so theirs is "— Fiona Parry · passage 2 of 8, ¶6". `total`: the article's quote count.
 */
export function attribution(
  block: Pick<QuoteBlock, "speaker" | "role" | "number" | "paragraph">,
  total: number,
): string {
  const who = block.role === "" ? block.speaker : `${block.speaker}, ${block.role}`;
  return `— ${who} · passage ${block.number} of ${total}, ¶${block.paragraph}`;
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

/**
 * "Source: the article, as reported by Cox Media and Fox News", "Source: BuzzFeed": every answer
 * credits where the words come from (an added article's site, else its address).
 */
export const sourceFooter = (article: AnyArticle): string =>
  article.kind === "curated"
    ? `Source: the article, as reported by ${listWords(article.outlets.map((o) => o.name))}`
    : `Source: ${addedSource(article)}`;

/** An added article's site, else its address, else "the article" (a file the operator added). */
export const addedSource = (article: Pick<AddedArticle, "source">): string =>
  article.source.site ?? article.source.url ?? "the article";

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
