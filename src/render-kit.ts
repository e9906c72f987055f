import type { Article } from "./article/load.js";
import type { Span } from "./article/span.js";
import { citeText } from "./blocks.js";
import type { ListItem } from "./reply.js";

/** Helpers every renderer shares; none of them changes a character of the article. */

/** Wraps article words in quotation marks unless they already open with one. */
export const quoted = (words: string): string => (words.startsWith("“") ? words : `“${words}”`);

/** "Label: “verbatim words” (¶8)", with `esc` applied to the words and the label for the platform. */
export function listItemText(
  item: ListItem,
  article: Article,
  esc: (s: string) => string = (s) => s,
): string {
  const words = item.quote ? `: ${esc(quoted(article.text.slice(item.quote.start, item.quote.end)))}` : "";
  const cites = item.cites?.length ? ` ${citeText(item.cites)}` : "";
  return `${esc(item.text)}${words}${cites}`;
}

/**
 * The quote's text cut into runs, each flagged when it lies in an emphasised range, so a renderer
 * can mark matches its own way (bold, ANSI, rich-text style) while the characters stay as sliced.
 */
export function runs(
  text: string,
  quote: Span,
  emphasis: readonly Span[] = [],
): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let at = quote.start;
  for (const e of [...emphasis].sort((a, b) => a.start - b.start)) {
    const start = Math.max(e.start, at);
    const end = Math.min(e.end, quote.end);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < quote.end) out.push({ text: text.slice(at, quote.end), marked: false });
  return out;
}

/**
 * Packs pieces (paragraphs) into as few chunks as fit `limit`, joined by `separator`. A piece too
 * long for one chunk is split at a sentence end, else at a space (the space is dropped at the cut):
 * never inside a word, unless a single word is longer than the limit.
 */
export function pack(pieces: readonly string[], limit: number, separator = "\n\n"): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const piece of pieces) {
    splitLong(piece, limit).forEach((part, i) => {
      const joined = current === "" ? part : `${current}${i === 0 ? separator : " "}${part}`;
      if (joined.length <= limit) current = joined;
      else {
        if (current !== "") chunks.push(current);
        current = part;
      }
    });
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

const SENTENCE_ENDS = [". ", "! ", "? ", "… ", ".” "];

function splitLong(piece: string, limit: number): string[] {
  // A limit under one character could never make progress.
  if (limit < 1) throw new RangeError(`pack: the limit must be at least 1, not ${limit}`);
  const parts: string[] = [];
  let rest = piece;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    // The space after the last sentence end in reach, else the last space: cut there, drop it.
    const ends = SENTENCE_ENDS.map((m) => window.lastIndexOf(m)).map((i, k) =>
      i < 0 ? -1 : i + (SENTENCE_ENDS[k]?.length ?? 1) - 1,
    );
    const sentenceSpace = Math.max(...ends);
    const space = window.lastIndexOf(" ");
    const cut = sentenceSpace > 0 ? sentenceSpace : space > 0 ? space : limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(rest[cut] === " " ? cut + 1 : cut);
  }
  parts.push(rest);
  return parts;
}
