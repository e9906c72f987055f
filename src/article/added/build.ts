/**
 * An added article from its stored snapshot, with no curation: paragraphs and sentences as for
 * the shipped article, quotes and speakers by the one attribution rule (extract/quotes.ts), an
 * extractive summary (extract/summary.ts) and the same topic search, whose abbreviations come
 * from the article's own names. Deterministic: every replica, after every restart, builds the same
 * article from the same text.
 */

import { extractQuotes } from "../extract/quotes.js";
import { summarize } from "../extract/summary.js";
import type { AddedArticle, ArticleSnapshot } from "../kinds.js";
import { splitParagraphs, splitSentences } from "../paragraphs.js";
import { deriveRelated } from "../related.js";
import { commonness, passageWords } from "../related-cache.js";
import { QuoteSearch } from "../search.js";
import { slice } from "../span.js";
import { tokenize } from "../tokens.js";

export function buildAddedArticle(snapshot: ArticleSnapshot): AddedArticle {
  const { name, title, text, ...source } = snapshot;
  const paragraphs = splitParagraphs(text);
  const sentences = splitSentences(text, paragraphs);
  const quotes = extractQuotes(text, paragraphs, sentences);
  const speakers = [...new Set(quotes.map((q) => q.speaker))];
  // Tokenized once, for the search, the summary and the word count.
  const tokens = tokenize(text);
  // WordNet is read on the first query that needs a related word, not at ingest (terms.ts).
  const related = () => deriveRelated(passageWords(quotes.map((q) => slice(text, q))));
  return {
    kind: "added",
    name,
    title,
    text,
    paragraphs,
    sentences,
    quotes,
    speakers,
    search: new QuoteSearch(text, quotes, [], speakers, related, commonness(), paragraphs, tokens),
    summary: summarize(text, paragraphs, sentences, tokens),
    words: tokens.length,
    source,
  };
}
