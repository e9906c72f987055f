import { stemmer } from "stemmer";

export interface Token {
  /** Normalised word: lower case, no accents, straight apostrophes, no possessive. */
  word: string;
  stem: string;
  start: number;
  end: number;
}

const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /[’‘`´]/gu;
const POSSESSIVE = /'s?$/u;

export const STOPWORDS = new Set(
  "a an and are as at be by did do does for from he his how i in is it its of on or our say said says the their this to us was we what when where which who why will with about".split(
    " ",
  ),
);

export function normalizeWord(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(POSSESSIVE, "");
}

export const isNumber = (word: string): boolean => /^\d+$/u.test(word);

/** Word tokens of `text` with offsets shifted by `offset` (so they point into the article). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const seg of wordSegmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const word = normalizeWord(seg.segment);
    if (word === "") continue;
    tokens.push({
      word,
      stem: isNumber(word) ? word : stemmer(word),
      start: offset + seg.index,
      end: offset + seg.index + seg.segment.length,
    });
  }
  return tokens;
}

/** The words of a query that carry meaning; all of them if every word is a stopword. */
export function contentTokens(text: string, ignore: ReadonlySet<string> = STOPWORDS): Token[] {
  const all = tokenize(text);
  const content = all.filter((t) => !ignore.has(t.word));
  return content.length > 0 ? content : all;
}
