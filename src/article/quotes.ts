import type { Paragraph, Sentence } from "./paragraphs.js";
import { contains, type Span, slice } from "./span.js";

export interface Quote extends Span {
  /** 1-based position among the speaker's quotes, in article order. */
  number: number;
  speaker: string;
  paragraph: number;
  /** The sentence that introduces (or, failing that, follows up) the quote: its provenance. */
  provenance: Sentence;
  /** Sentences inside the quote, for marking matches. */
  sentences: Span[];
}

export interface Speaker {
  name: string;
  aliases: readonly string[];
}

// Why these thresholds: a direct quotation is speech, so it has several words and ends like a
// sentence; scare quotes (“criminal”, “crimes”) are a word or two inside the author's sentence.
const MIN_WORDS = 6;
const ENDS_LIKE_SPEECH = /[.!?…]$/u;
const REPORTING_CUE =
  /\b(said|says|say|stated|statement|told|added|elaborated|explained|announced|remarks|urged|declared|warned|continued|reported|according to|as follows)\b/iu;
const PRONOUN = /\b(he|his|him|she|her)\b/iu;
const QUOTE_PAIR = /“([^“”]*)”/gu;
const words = new Intl.Segmenter("en", { granularity: "word" });

const wordCount = (s: string): number => {
  let n = 0;
  for (const w of words.segment(s)) if (w.isWordLike) n++;
  return n;
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Finds the direct quotations attributed to `speaker`; scare quotes and unattributed quotes are left out. */
export function findQuotes(
  text: string,
  paragraphs: readonly Paragraph[],
  sentences: readonly Sentence[],
  speaker: Speaker,
): Quote[] {
  const aliasPattern = new RegExp(
    `\\b(${[...speaker.aliases]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|")})\\b`,
    "u",
  );
  const body = paragraphs.filter((p) => p.number !== null);
  const quotes: Quote[] = [];

  for (const match of text.matchAll(QUOTE_PAIR)) {
    const inner = (match[1] ?? "").trim();
    if (wordCount(inner) < MIN_WORDS || !ENDS_LIKE_SPEECH.test(inner)) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    const pIndex = body.findIndex((p) => contains(p, span));
    const paragraph = body[pIndex];
    if (!paragraph || paragraph.number === null) continue;

    const isBlock = paragraph.start === span.start && paragraph.end === span.end;
    const candidates = isBlock
      ? [lastSentenceOf(sentences, body[pIndex - 1]), firstSentenceOf(sentences, body[pIndex + 1])]
      : [sentences.find((s) => contains(s, { start: span.start, end: span.start + 1 }))];

    for (const cue of candidates) {
      // A sentence with a quotation of its own introduces that one, not this.
      if (!cue || (isBlock && overlapsAnyQuote(text, cue)) || !REPORTING_CUE.test(slice(text, cue))) continue;
      if (!namesSpeaker(text, cue, paragraphs, aliasPattern)) continue;
      quotes.push({
        ...span,
        number: quotes.length + 1,
        speaker: speaker.name,
        paragraph: paragraph.number,
        provenance: cue,
        sentences: sentences.filter((s) => contains(span, s)),
      });
      break;
    }
  }
  return quotes;
}

const overlapsAnyQuote = (text: string, cue: Sentence): boolean => slice(text, cue).includes("“");

const lastSentenceOf = (sentences: readonly Sentence[], p: Paragraph | undefined) =>
  p ? sentences.findLast((s) => s.paragraph === p.number) : undefined;

const firstSentenceOf = (sentences: readonly Sentence[], p: Paragraph | undefined) =>
  p ? sentences.find((s) => s.paragraph === p.number) : undefined;

/** The cue names the speaker, or refers to him by pronoun after he was named earlier in its paragraph. */
function namesSpeaker(text: string, cue: Sentence, paragraphs: readonly Paragraph[], alias: RegExp): boolean {
  const sentence = slice(text, cue);
  if (alias.test(sentence)) return true;
  if (!PRONOUN.test(sentence)) return false;
  const paragraph = paragraphs.find((p) => p.number === cue.paragraph);
  return paragraph !== undefined && alias.test(text.slice(paragraph.start, cue.start));
}
