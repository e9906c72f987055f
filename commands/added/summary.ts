/**
 * /summary for an added article: the extractive summary, every bullet a sentence of the article
 * itself (a span, never retyped) citing its paragraph, in article order.
 */
import type { AddedArticle } from "../../src/article/kinds.js";
import type { Sentence } from "../../src/article/paragraphs.js";
import { slice } from "../../src/article/span.js";
import { tokenize } from "../../src/article/tokens.js";
import type { Reply } from "../../src/core/reply.js";
import { sourceFooter, visibility } from "../../src/core/reply-parts.js";

export const EXTRACTED = "Extracted automatically: the article’s own sentences, chosen by the bot.";

export function addedSummary(article: AddedArticle, length: "short" | "full", isPrivate: boolean): Reply {
  const chosen = article.summary[length];
  const words = chosen.reduce((n, s) => n + tokenize(slice(article.text, s)).length, 0);
  const shorter = Math.round((1 - words / Math.max(1, article.words)) * 100);
  return {
    kind: "message",
    visibility: visibility(isPrivate),
    title: `Summary: ${article.title}`,
    blocks: [{ type: "text", text: EXTRACTED }, sentenceList(chosen)],
    footer: `${words} words, ${shorter}% shorter than the article’s ${article.words} · ${sourceFooter(article)}`,
  };
}

/** Sentences of the article as a list whose items are the sentences themselves, each with its ¶. */
export const sentenceList = (sentences: readonly Sentence[]) => ({
  type: "list" as const,
  ordered: false,
  items: sentences.map((s) => ({ text: "", quote: { start: s.start, end: s.end }, cites: [s.paragraph] })),
});
