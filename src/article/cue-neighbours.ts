/**
 * Who stands beside a reporting cue, for the attribution rule (quotes.ts): a name within a few
 * words of it and on the same side of the quotation ("Smith said", "said Jane Doe"), a pronoun
 * there ("he said", "his statement"), or a capitalised word that is none of the article's people
 * ("Haoyu said"), which says that someone else spoke.
 */
import { contains, type Span, slice } from "./span.js";

/** The article's text and its quotations (whose words are never a cue's neighbours). */
export interface Around {
  text: string;
  quoted: readonly Span[];
}

// Subject pronouns only: "her picture" says nothing about who is speaking.
const PRONOUNS = /\b(?:he|she|his|her)\b/giu;
// Cues that are nouns: a possessive before one names its speaker ("his statement").
const NOUN_CUES = /^(?:statement|remarks)$/iu;
// The capitalised word just before a cue ("Haoyu said"), with what precedes it, and just after
// one ("said Haoyu"); only spaces between the word and the cue.
const WORD_BEFORE = /(?<lead>(?:^|[^\p{L}])(?:[\p{L}]+\s+)?)(?<word>\p{Lu}[\p{L}'’-]*)\s+$/u;
const WORD_AFTER = /^\s+(?<word>\p{Lu}[\p{L}'’-]*)/u;
// Whose name stands before the cue ("Smith said") or after it ("said Smith"; "told CNN" names
// who was told).
const SUBJECT_BEFORE = new Set([
  "said",
  "says",
  "say",
  "added",
  "adds",
  "wrote",
  "told",
  "tells",
  "explained",
  "warned",
  "noted",
  "argued",
  "recalled",
  "replied",
  "insisted",
  "declared",
  "continued",
  "acknowledged",
  "admitted",
  "urged",
  "elaborated",
  "announced",
  "stated",
]);
const SUBJECT_AFTER = new Set([
  "said",
  "says",
  "added",
  "adds",
  "wrote",
  "according to",
  "replied",
  "recalled",
  "explained",
  "continued",
  "noted",
]);
const DETERMINER = /\b(?:the|a|an|his|her|their|its|our|this|that)\s+$/iu;
// Capitalised words beside a cue that are not someone's name.
const NOT_NAMES =
  /^(?:He|She|It|They|We|You|I|The|A|An|And|But|Or|So|As|In|On|At|Then|This|That|There|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Mr|Mrs|Ms|Dr)$/u;
// How far (in characters) a name may sit from its cue and still be its subject: "Smith said",
// "said Jane Doe", "her mother, Fiona, said", "said chief inspector Jennifer Mattinson".
export const BESIDE = 30;

export const near = (a: Span, b: Span): boolean =>
  (a.end <= b.start ? b.start - a.end : a.start - b.end) <= BESIDE;

// "“…,” Smith said" – the name and cue must sit on the same side of the quotation.
export const crossesQuote = (m: Span, c: Span, q: Span): boolean =>
  Math.min(m.start, c.start) < q.start && Math.max(m.end, c.end) > q.end;

/**
 * Whether a pronoun outside quotation marks sits beside a cue: a subject pronoun by any ("he
 * said", "said she"), or a possessive right before a cue that is a noun ("his statement").
 */
export function pronounBeside(ctx: Around, sentence: Span, cues: readonly Span[], q: Span): boolean {
  for (const m of slice(ctx.text, sentence).matchAll(PRONOUNS)) {
    const at = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
    if (ctx.quoted.some((x) => contains(x, at))) continue;
    const possessive = /^(?:his|her)$/iu.test(m[0]);
    const beside = (c: Span) =>
      possessive
        ? NOUN_CUES.test(slice(ctx.text, c)) && c.start >= at.end && c.start - at.end <= 2
        : near(at, c) && !crossesQuote(at, c, q);
    if (cues.some(beside)) return true;
  }
  return false;
}

/**
 * A capitalised word right beside a cue ("Haoyu said", "said Haoyu"), outside every mention of a
 * known person and not a pronoun, weekday, month or sentence opener: someone the article's people
 * do not include is speaking. "the Virginia Democrat said" describes a person instead: a word
 * after a determiner does not count.
 */
export function strangerBeside(ctx: Around, cues: readonly Span[], named: readonly Span[]): boolean {
  const { text } = ctx;
  // A possessive ("RedMonk’s Stephens", "said Yoon’s …") or an initial or title just before a
  // name ("C. Eugene Steuerle", "Sen. Warner") is no one's name on its own.
  const stranger = (start: number, end: number, word: string) =>
    !NOT_NAMES.test(word) &&
    !/['’]s$/u.test(word) &&
    !named.some((m) => m.start < end + 4 && start < m.end) &&
    !ctx.quoted.some((q) => q.start < end && start < q.end);
  for (const cue of cues) {
    const cueText = text.slice(cue.start, cue.end).toLowerCase();
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, cue.start - 40), cue.start));
    if (before?.groups && SUBJECT_BEFORE.has(cueText) && !DETERMINER.test(before.groups.lead ?? "")) {
      const word = before.groups.word as string;
      const start = cue.start - before[0].length + (before.groups.lead ?? "").length;
      if (stranger(start, start + word.length, word)) return true;
    }
    const after = WORD_AFTER.exec(text.slice(cue.end, cue.end + 40));
    if (after?.groups && SUBJECT_AFTER.has(cueText)) {
      const word = after.groups.word as string;
      const start = cue.end + after[0].length - word.length;
      if (stranger(start, start + word.length, word)) return true;
    }
  }
  return false;
}
