/**
 * The short stretches of an added article that compromise reads for names (people.ts), instead of
 * the whole text: its tagger costs about 0.1 ms of CPU a word, so a 5,000-word article took half a
 * second. A name is two or more capitalised words in a row, or a title and one ("chief inspector
 * Smith"), so only those runs are read, each with WINDOW words either side within its paragraph:
 * the context compromise's rules look at ("said", "Mr", "the company"), and the sentence start
 * when the run is near one (compromise reads a capital there differently; it finds the sentences
 * inside a window itself). Windows that touch are read as one, and a window whose text was
 * already read is not read again: each is a line of its own to compromise, so it is tagged the
 * same. The whole text is still scanned, so a speaker named in full far above is still known.
 */
import type { Span } from "../span.js";

/**
 * Words of context either side of a run. Against compromise reading the whole text, on 92 of
 * mozilla/readability's test pages (the 8 labelled ones among them), the bench page and the
 * Sessions article: with 2, the same 520 people and the same 212 attributed quotes; with 3 and 4,
 * the same quotes but a few aliases more or fewer; with 1, other quotes on two pages.
 */
export const WINDOW = 2;

// Words that stand before a name as a title or honorific, never as part of it.
export const TITLES = new Set(
  "mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister general attorney attorney-general commissioner governor gov senator sen rep representative mayor judge justice chief inspector detective sergeant sgt officer captain capt colonel col secretary chancellor king queen prince princess pope father rev reverend bishop ambassador director leader opposition spokesman spokeswoman spokesperson chairman chairwoman chair ceo founder coach deputy superintendent sheriff councillor councilman councilwoman".split(
    " ",
  ),
);
export const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
export const INITIAL = /^\p{Lu}\.$/u;

/** One whitespace-separated word as a name's token: "(Obama’s," → "Obama"; "J." stays "J.". */
export function nameToken(raw: string): string {
  const t = raw.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, "").replace(/['’]s$/u, "");
  return INITIAL.test(t) ? t : t.replace(/\.+$/u, "");
}

export const isTitle = (token: string): boolean => TITLES.has(token.toLowerCase().replace(/\.$/u, ""));

interface Word extends Span {
  raw: string;
  /** As a name's token; "" for a word in lower case. */
  token: string;
  capitalised: boolean;
}

// Words as compromise splits them: at spaces, and at dashes ("Debussy—all").
const WORDS = /[^\s\u2013\u2014]+/gu;

const LOWER = /^\p{Ll}/u;

function wordsOf(text: string, unit: Span): Word[] {
  const words: Word[] = [];
  for (const m of text.slice(unit.start, unit.end).matchAll(WORDS)) {
    const start = unit.start + m.index;
    // Most words are lower case, so no name: their token is wanted only as a title ("chief").
    const lower = LOWER.test(m[0]);
    const token = lower ? "" : nameToken(m[0]);
    words.push({
      start,
      end: start + m[0].length,
      raw: m[0],
      token,
      capitalised: !lower && CAPITALISED.test(token),
    });
  }
  return words;
}

/**
 * The windows to read in `units` (sentences, and headings whole) of `text`: around every run of
 * capitalised words that could be a name, or, with `alone`, around every capitalised word in that
 * set (a first name said alone: "her mother, Fiona, said"). Distinct texts, in article order.
 */
export function nameWindows(
  text: string,
  units: readonly Span[],
  alone?: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const seen = new Set(skip);
  const out: string[] = [];
  for (const unit of units) {
    const words = wordsOf(text, unit);
    const marked: [number, number][] = [];
    for (let i = 0; i < words.length; i++) {
      if (!words[i]?.capitalised) continue;
      let j = i;
      while (words[j + 1]?.capitalised) j++;
      let from = i;
      while (from > 0 && isTitle(nameToken(words[from - 1]?.raw ?? ""))) from--;
      const isRun = j > from;
      if (alone ? !isRun && alone.has(words[i]?.token ?? "") : isRun) marked.push([from, j]);
      i = j;
    }
    let open: [number, number] | undefined;
    const flush = () => {
      if (!open) return;
      const window = text.slice((words[open[0]] as Word).start, (words[open[1]] as Word).end);
      if (!seen.has(window)) {
        seen.add(window);
        out.push(window);
      }
    };
    for (const [from, to] of marked) {
      const a = Math.max(0, from - WINDOW);
      const b = Math.min(words.length - 1, to + WINDOW);
      if (open && a <= open[1] + 1) open[1] = b;
      else {
        flush();
        open = [a, b];
      }
    }
    flush();
  }
  return out;
}
