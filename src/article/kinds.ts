/**
 * The two kinds of article the bot serves: the shipped, curated one (data/, `Article` in load.ts)
 * and the ones moderators add by URL or an operator adds from a file (`AddedArticle`, built from a
 * stored `ArticleSnapshot` with no curation). Both carry their text and paragraphs, so renderers
 * slice any quote or summary span the same way; commands tell them apart by `kind`.
 */
import type { Article } from "./load.js";
import type { Paragraph, Sentence } from "./paragraphs.js";
import type { Quote } from "./quotes.js";
import type { QuoteSearch } from "./search.js";

export { SHIPPED_NAME } from "./load.js";

/** Who added an article: a moderator in a workspace or server, or nobody (the operator's CLI). */
export interface AddedBy {
  platform: string;
  workspace: string;
  user: string;
}

/**
 * What is stored of an added article, and all that its spans point into: `text` never changes
 * once stored (re-adding a page whose text changed stores a new article under a new name).
 */
export interface ArticleSnapshot {
  /** Short, unique, typeable: lowercase letters, digits and hyphens, at most 40 characters. */
  name: string;
  title: string;
  byline: string | null;
  site: string | null;
  /** ISO 8601, when the page says. */
  published: string | null;
  /** Where it was fetched from; null for a file the operator added. */
  url: string | null;
  /** The extracted body: paragraphs separated by blank lines. */
  text: string;
  /** SHA-256 of `text` as UTF-8, lowercase hex. */
  sha256: string;
  /** ISO 8601. */
  fetchedAt: string;
  /** Null: added by the operator, and listed in every workspace and server. */
  addedBy: AddedBy | null;
}

/** An added article, ready for every command: found by rule, not curated. */
export interface AddedArticle {
  kind: "added";
  name: string;
  title: string;
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Attributed quotations of at least six words, in article order; each names its speaker. */
  quotes: Quote[];
  /** Everyone with an attributed quote, in order of their first one. */
  speakers: string[];
  search: QuoteSearch;
  /** The article's own sentences, in article order, each with its ¶. */
  summary: { short: Sentence[]; full: Sentence[] };
  words: number;
  source: Omit<ArticleSnapshot, "name" | "title" | "text">;
}

export type AnyArticle = Article | AddedArticle;

/** What a renderer needs of an article to show spans into it ("passage 2 of 3" counts its quotes). */
export type ArticleText = Pick<AnyArticle, "text" | "paragraphs" | "quotes">;
