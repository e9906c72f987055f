import { sentenceSegmenter } from "./segmenters.js";
import { type Span, slice } from "./span.js";

export interface Paragraph extends Span {
  /** Body paragraphs are numbered from 1 for citations (¶1); headings get null. */
  number: number | null;
  heading: boolean;
}

export interface Sentence extends Span {
  paragraph: number;
}

const BLOCK = /[^\n]+(?:\n[^\n]+)*/g;
// A heading is one short line that does not end like a sentence.
const SENTENCE_END = /[.!?…”"’)]$/u;
const ELLIPSIS_BREAK = /…\s+(?=\p{Lu})/gu;

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let number = 0;
  for (const match of text.matchAll(BLOCK)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === "") continue;
    const start = match.index + lead;
    const heading = !body.includes("\n") && body.length <= 80 && !SENTENCE_END.test(body);
    paragraphs.push({
      start,
      end: start + body.length,
      heading,
      number: heading ? null : ++number,
    });
  }
  return paragraphs;
}

export function splitSentences(text: string, paragraphs: readonly Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    if (p.number === null) continue;
    for (const seg of sentenceSegmenter().segment(slice(text, p))) {
      const body = seg.segment.trimEnd();
      if (body.trim() === "") continue;
      const lead = body.length - body.trimStart().length;
      const start = p.start + seg.index + lead;
      const end = p.start + seg.index + body.length;
      // An ellipsis followed by a capital ends a sentence ("…certify compliance… Failure to remedy").
      let from = start;
      for (const m of text.slice(start, end).matchAll(ELLIPSIS_BREAK)) {
        const cut = start + m.index + 1;
        sentences.push({ start: from, end: cut, paragraph: p.number });
        from = cut + m[0].length - 1;
      }
      sentences.push({ start: from, end, paragraph: p.number });
    }
  }
  return sentences;
}
