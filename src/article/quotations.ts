/**
 * Where an article's quotation marks open and close: curly pairs, straight pairs where a paragraph
 * has an even number of them, and a curly quote left open at a paragraph's end (the newspaper
 * convention for a quotation that runs on into the next paragraph). Which of these are speech,
 * and whose, is quotes.ts's job; `isTitle` tells it which are titles, nobody's speech.
 */
import type { Paragraph } from "./paragraphs.js";
import { wordSegmenter } from "./segmenters.js";
import { type Span, slice } from "./span.js";

export interface Quotation extends Span {
  /** Body paragraph number (¶). */
  paragraph: number;
  /** Between the marks. */
  inner: Span;
}

const CURLY = /“([^“”]*)(”|$)/gu;
const STRAIGHT = /"([^"]*)"/gu;

export function findQuotations(text: string, paragraphs: readonly Paragraph[]): Quotation[] {
  const found: Quotation[] = [];
  for (const p of paragraphs) {
    if (p.number === null) continue;
    const body = slice(text, p);
    const straight = (body.match(/"/gu) ?? []).length % 2 === 0;
    for (const pattern of straight ? [CURLY, STRAIGHT] : [CURLY])
      for (const m of body.matchAll(pattern)) {
        const start = p.start + m.index;
        const innerStart = start + 1;
        const inner = { start: innerStart, end: innerStart + (m[1] ?? "").length };
        found.push({ start, end: start + m[0].length, paragraph: p.number, inner });
      }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Most words capitalised, as in a title: at least four words, three in four capitalised. */
export function isTitle(inner: string): boolean {
  let all = 0;
  let capitalised = 0;
  for (const w of wordSegmenter().segment(inner))
    if (w.isWordLike && !/^\d/u.test(w.segment)) {
      all++;
      if (/^\p{Lu}/u.test(w.segment)) capitalised++;
    }
  return all >= 4 && capitalised >= 0.75 * all;
}
