/**
 * An added article's body from its page: @mozilla/readability on linkedom's server-side DOM for
 * HTML, blank-line paragraphs for plain text. The result's `text` is what gets stored and what
 * every quote and summary span points into; `paragraphs` are its blocks in order.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { countWords } from "../tokens.js";
import { blockTexts, type DomNode, tidy } from "./blocks.js";

export interface ExtractedPage {
  title: string;
  byline: string | null;
  site: string | null;
  /** ISO 8601, when the page says when it was published. */
  published?: string;
  paragraphs: string[];
  /** The paragraphs joined by blank lines: the stored snapshot. */
  text: string;
}

/** Why a page cannot become an article, as one sentence a moderator can act on. */
export class ExtractError extends Error {
  constructor(
    readonly reason: "no-body" | "too-short",
    message: string,
  ) {
    super(message);
    this.name = "ExtractError";
  }
}

export const MIN_WORDS = 150;
const TITLE_CHARS = 100;
const PROSE = /\S(?:\s+\S+){4,}[.!?…]["”’)]?$/u;

/** Extracts by content type: `text/plain` as plain text, anything else as HTML. */
export function extractPage(body: string, contentType = "text/html"): ExtractedPage {
  return /^\s*text\/plain\b/iu.test(contentType) ? extractPlainText(body) : extractHtml(body);
}

export function extractHtml(html: string): ExtractedPage {
  const { document } = parseHTML(html);
  const parsed = new Readability<DomNode>(document, {
    serializer: (node) => node as unknown as DomNode,
  }).parse();
  const paragraphs = parsed?.content ? blockTexts(parsed.content) : [];
  const title = clip(tidy(parsed?.title ?? "").replace(/\n/gu, " "));
  const published = isoDate(parsed?.publishedTime);
  return checked({
    title: title || fallbackTitle(paragraphs),
    byline: oneLine(parsed?.byline),
    site: oneLine(parsed?.siteName),
    ...(published ? { published } : {}),
    paragraphs,
    text: paragraphs.join("\n\n"),
  });
}

export function extractPlainText(raw: string): ExtractedPage {
  const paragraphs = raw
    .replace(/\r\n?/gu, "\n")
    .split(/\n[ \t]*\n/u)
    .map((p) => tidy(p.replace(/\n/gu, " ")))
    .filter((p) => p !== "");
  const [first, ...rest] = paragraphs;
  // A short first line that does not end like a sentence is the title, not body.
  const titled =
    first !== undefined && !first.includes("\n") && first.length <= TITLE_CHARS && !/[.!?…”"]$/u.test(first);
  const body = titled ? rest : paragraphs;
  return checked({
    title: titled ? first : fallbackTitle(body),
    byline: null,
    site: null,
    paragraphs: body,
    text: body.join("\n\n"),
  });
}

function checked(page: ExtractedPage): ExtractedPage {
  // Menus and buttons are words too: a body needs at least one paragraph that reads like prose.
  if (!page.paragraphs.some((p) => PROSE.test(p)))
    throw new ExtractError(
      "no-body",
      "No article text could be found on that page; check the link points at the article itself.",
    );
  // The tokenizer's words, not Intl.Segmenter's: the same count on every labelled page, at a
  // fortieth of the cost (the segmenter took 190 ms of a 5,000-word article's ingest); counted
  // only as far as MIN_WORDS.
  const n = countWords(page.text, MIN_WORDS);
  if (n < MIN_WORDS)
    throw new ExtractError(
      "too-short",
      `The article text found has ${n} words, fewer than the ${MIN_WORDS} needed; check the link points at the full article.`,
    );
  return page;
}

const oneLine = (s: string | null | undefined): string | null => {
  const t = clip(tidy(s ?? "").replace(/\n/gu, " "));
  return t === "" ? null : t;
};

const clip = (s: string): string =>
  s.length <= TITLE_CHARS ? s : `${s.slice(0, TITLE_CHARS - 1).trimEnd()}…`;

const fallbackTitle = (paragraphs: readonly string[]): string =>
  clip((paragraphs[0] ?? "").replace(/\n/gu, " "));

function isoDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
