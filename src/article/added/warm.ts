/**
 * The added-article code run once off the clock, so that a member's first command on an added
 * article after a restart does not wait for it: loading compromise and the extractor, and V8
 * compiling the extraction, the build, the related-word search (which reads WordNet's index) and
 * autocomplete, cost a fresh process 0.7-1.1 s on a 5,000-word page before this ran (README,
 * Measured). The sample is the shipped article as a page; what is built is dropped.
 */
import { type ExtractedPage, extractPage } from "../extract/page.js";
import type { ArticleSnapshot } from "../kinds.js";
import { buildAddedArticle } from "./build.js";

/** Text as HTML text: `&`, `<` and `>` escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/** Extracts, builds, searches and completes `text` (an article's paragraphs, blank-line separated). */
export function warmUp(title: string, text: string): void {
  const paragraphs = text.split(/\n\s*\n/u).map((p) => `<p>${escapeHtml(p.trim())}</p>`);
  const html = `<html><head><title>${escapeHtml(title)}</title></head><body><article><h1>${escapeHtml(title)}</h1>${paragraphs.join("")}</article></body></html>`;
  const article = buildAddedArticle(unstored(extractPage(html), "warm-up"));
  // A miss needs the related words; autocomplete the suggestions (both made on first use).
  article.search.search("federal pizza");
  article.search.suggest("se");
}

/** A snapshot of `page` that is stored nowhere (no link, hash or author): for warming and benches. */
export const unstored = (page: ExtractedPage, name: string): ArticleSnapshot => ({
  name,
  title: page.title,
  byline: page.byline,
  site: page.site,
  published: page.published ?? null,
  url: null,
  text: page.text,
  sha256: "",
  fetchedAt: new Date(0).toISOString(),
  addedBy: null,
});
