/**
 * The one rule for who said what, for the curated Sessions article and for every added one: a
 * direct quotation of at least six words is attributed to a person only when the text says who
 * said it: a reporting cue ("said", "told", "according to", …) in the quote's own sentence or,
 * for a quotation that is a paragraph of its own, in the sentence just before or after it, and in
 * that sentence exactly one person named (or the one beside the cue), or a pronoun beside the cue
 * ("he said", "his statement") for the one person named just before. A quotation with no cue of
 * its own continues the previous one when nobody else is named between them, into the next
 * paragraph only once unless the quotation was left open. Anything less certain is left out: a
 * quote under the wrong name is worse than one not offered; so a name beside the cue that is
 * none of the article's people ("Haoyu said") leaves the quote out, and a title in quotation
 * marks is nobody's speech.
 */
import { crossesQuote, near, pronounBeside, strangerBeside } from "./cue-neighbours.js";
import { findMentions, type Mention, type Person } from "./mentions.js";
import type { Paragraph, Sentence } from "./paragraphs.js";
import { findQuotations, isTitle, type Quotation } from "./quotations.js";
import { wordSegmenter } from "./segmenters.js";
import { contains, type Span, slice } from "./span.js";

export type { Person } from "./mentions.js";
export type Speaker = Person;

export interface Quote extends Span {
  /** 1-based position among the article's attributed quotes (for one speaker, among his). */
  number: number;
  speaker: string;
  paragraph: number;
  /** The sentence that introduces (or, failing that, follows up) the quote: its provenance. */
  provenance: Sentence;
  /** The reporting cue ("said", "according to") that attributes it. */
  cue: Span;
  /** Sentences inside the quote, for marking matches. */
  sentences: Span[];
}

// Scare quotes (“criminal”, “so-called”) are a word or two inside the author's sentence.
const MIN_WORDS = 6;
const REPORTING_CUE =
  /\b(said|says|say|stated|statement|told|tells|added|adds|elaborated|explained|announced|remarks|urged|declared|warned|continued|reported|insisted|noted|argued|wrote|acknowledged|admitted|recalled|replied|according to|as follows)\b/giu;
const CLOSING = /["”’»]/u;
// How a paragraph of prose ends (a caption's credit or a heading ends otherwise).
const PROSE_END = /[.!?…:;"”’)\]]$/u;

const wordCount = (s: string): number => {
  let n = 0;
  for (const w of wordSegmenter().segment(s)) if (w.isWordLike) n++;
  return n;
};

const NOBODY = "nobody";

interface Attribution {
  speaker: string;
  cue: Span;
  provenance: Sentence;
}

interface Previous {
  quotation: Quotation;
  found: Attribution | undefined;
  /** Found only by going on from the paragraph before (see `continued`). */
  carried: boolean;
}

interface Context {
  text: string;
  paragraphs: readonly Paragraph[];
  sentences: readonly Sentence[];
  quoted: readonly Quotation[];
  mentions: readonly Mention[];
}

/** Every direct quotation the text attributes to one of `people`, in article order. */
export function attributeQuotes(
  text: string,
  paragraphs: readonly Paragraph[],
  sentences: readonly Sentence[],
  people: readonly Person[],
): Quote[] {
  const quoted = findQuotations(text, paragraphs);
  const ctx: Context = { text, paragraphs, sentences, quoted, mentions: findMentions(text, people, quoted) };
  const body = paragraphs.filter((p) => p.number !== null);
  const quotes: Quote[] = [];
  let previous: Previous | undefined;

  for (const quotation of quoted) {
    const pIndex = body.findIndex((p) => p.number === quotation.paragraph);
    const paragraph = body[pIndex] as Paragraph & { number: number };
    const isBlock = quotation.start === paragraph.start && quotation.end === paragraph.end;
    const cueIn = (sentence: Sentence | undefined) => () =>
      // A neighbouring sentence with a quotation of its own introduces that one, not this.
      !sentence || (isBlock && quoted.some((q) => overlaps(q, sentence)))
        ? undefined
        : attributedIn(ctx, sentence, quotation, quotes);
    // A title in quotation marks (“A Paradise Built in Hell: The Extraordinary Communities…”) is
    // nobody's speech, and no quotation after it goes on from it.
    if (isTitle(slice(text, quotation.inner))) {
      previous = { quotation, found: undefined, carried: false };
      continue;
    }
    const goesOn = () => continued(ctx, previous, quotation);
    // A block quotation is introduced by the sentence before it, else continues the quote just
    // before it, else is followed up by the next paragraph's first sentence. A cue that names no
    // one, or two people, settles it too: nobody.
    const found = firstOf(
      isBlock
        ? [
            cueIn(lastSentenceOf(sentences, body[pIndex - 1])),
            goesOn,
            cueIn(firstSentenceOf(sentences, body[pIndex + 1])),
          ]
        : [cueIn(inlineSentence(ctx, quotation)), goesOn],
    );
    // Short quotations are attributed too, so that the quote after one can continue it, but only
    // speech of MIN_WORDS or more is offered.
    previous = {
      quotation,
      found,
      carried: found !== undefined && found === carriedOver(ctx, previous, quotation),
    };
    if (!found || wordCount(slice(text, quotation.inner)) < MIN_WORDS) continue;

    const number = quotes.length + 1;
    quotes.push({
      start: quotation.start,
      end: quotation.end,
      number,
      speaker: found.speaker,
      paragraph: paragraph.number,
      provenance: found.provenance,
      cue: found.cue,
      sentences: sentences.filter((s) => contains(quotation, s)),
    });
  }
  return quotes;
}

/** The first rule that decides; NOBODY decides that the quote is not attributed. */
function firstOf(rules: readonly (() => Attribution | typeof NOBODY | undefined)[]): Attribution | undefined {
  for (const rule of rules) {
    const found = rule();
    if (found === NOBODY) return undefined;
    if (found) return found;
  }
  return undefined;
}

/** The curated article's form: the quotes of one known speaker. */
export function findQuotes(
  text: string,
  paragraphs: readonly Paragraph[],
  sentences: readonly Sentence[],
  speaker: Speaker,
): Quote[] {
  return attributeQuotes(text, paragraphs, sentences, [speaker]);
}

/** The speaker `sentence` names for `quotation`, if it has a reporting cue outside quotation marks. */
function attributedIn(
  ctx: Context,
  sentence: Sentence,
  quotation: Quotation,
  earlier: readonly Quote[],
): Attribution | typeof NOBODY | undefined {
  const inQuotes = (s: Span) => ctx.quoted.some((q) => contains(q, s));
  const cues = [...slice(ctx.text, sentence).matchAll(REPORTING_CUE)]
    .map((m) => ({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length }))
    .filter((c) => !inQuotes(c));
  const cue = cues[0];
  if (!cue) return undefined;
  const named = ctx.mentions.filter((m) => overlaps(sentence, m));
  // "Haoyu said": a name beside the cue that is nobody the article's people know says that
  // someone else spoke.
  if (strangerBeside(ctx, cues, named)) return NOBODY;
  const isBeside = (m: Mention) => cues.some((c) => near(m, c) && !crossesQuote(m, c, quotation));
  const people = new Set(named.map((m) => m.person));
  let speaker: string | undefined;
  if (people.size > 1) {
    const beside = new Set(named.filter(isBeside).map((m) => m.person));
    speaker = beside.size === 1 ? [...beside][0] : undefined;
  } else if (people.size === 1 && named.some(isBeside)) speaker = named[0]?.person;
  // A pronoun beside the cue outweighs a name away from it ("He wrote, “…”, … discovered by Jacob
  // Le Maire"): the pronoun's person is the speaker.
  else if (pronounBeside(ctx, sentence, cues, quotation)) speaker = namedBefore(ctx, sentence, earlier);
  else if (people.size === 1) speaker = named[0]?.person;
  if (!speaker) return NOBODY;
  // The cue that reports this speaker is the one beside their name ("As reported by Fox News,
  // Sessions elaborated"): the nearest to a mention of them.
  const theirs = named.filter((m) => m.person === speaker);
  const distance = (c: Span) => Math.min(...theirs.map((m) => Math.abs(m.start - c.start)));
  const nearest = theirs.length > 0 ? cues.reduce((a, b) => (distance(b) < distance(a) ? b : a)) : cue;
  return { speaker, cue: nearest, provenance: sentence };
}

/**
 * A quotation with no cue of its own goes on from the one before when no one else is named
 * between: in its paragraph, or as the whole start of the next one (a reporter's "“…,” Smith said.
 * / “…”"), but only one paragraph on, unless the quotation was left open (no closing mark: the
 * convention for one speaker's quote over several paragraphs). A run of closed, uncued quotations
 * paragraph after paragraph is a dialogue (fiction, an interview), whose speakers take turns.
 */
function continued(
  ctx: Context,
  previous: Previous | undefined,
  quotation: Quotation,
): Attribution | undefined {
  const found = previous?.found;
  if (!found || !previous) return undefined;
  const sameParagraph = previous.quotation.paragraph === quotation.paragraph;
  // A quotation left open at its paragraph's end goes on in the next, however many there are.
  const open = !CLOSING.test(ctx.text.slice(previous.quotation.end - 1, previous.quotation.end));
  if (!sameParagraph && ((previous.carried && !open) || carriedOver(ctx, previous, quotation) === undefined))
    return undefined;
  const between = { start: previous.quotation.end, end: quotation.start };
  if (ctx.mentions.some((m) => contains(between, m) && m.person !== found.speaker)) return undefined;
  return found;
}

/** The previous quotation's attribution when `quotation` opens the paragraph right after it. */
function carriedOver(
  ctx: Context,
  previous: Previous | undefined,
  quotation: Quotation,
): Attribution | undefined {
  if (!previous?.found) return undefined;
  const next =
    previous.quotation.paragraph + 1 === quotation.paragraph &&
    quotation.start === paragraphStart(ctx, quotation);
  return next ? previous.found : undefined;
}

const paragraphStart = (ctx: Context, q: Quotation) =>
  ctx.paragraphs.find((p) => p.number === q.paragraph)?.start;

/**
 * The one person named (or quoted) last before `sentence`: in its paragraph, else in the nearest
 * of the two before it that names or quotes anyone.
 */
function namedBefore(ctx: Context, sentence: Sentence, earlier: readonly Quote[]): string | undefined {
  const named: { start: number; end: number; person: string }[] = [
    ...ctx.mentions,
    ...earlier.map((q) => ({ start: q.start, end: q.end, person: q.speaker })),
  ];
  const body = ctx.paragraphs.filter((p) => p.number !== null);
  const at = body.findIndex((p) => p.number === sentence.paragraph);
  // Its paragraph and the two before it, passing over lines that are not prose: a photo's caption
  // and credit ("… on Thursday. Anthony Wallace / AFP - Getty Images") or a heading.
  let looked = 0;
  for (let i = at; i >= 0 && looked < 3; i--) {
    const p = body[i] as Paragraph;
    if (i !== at && !PROSE_END.test(slice(ctx.text, p).trimEnd())) continue;
    looked++;
    const end = i === at ? sentence.start : p.end;
    const here = new Set(named.filter((m) => m.start >= p.start && m.end <= end).map((m) => m.person));
    if (here.size > 0) return here.size === 1 ? [...here][0] : undefined;
  }
  return undefined;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

// A sentence break the segmenter put after an abbreviation ("the U.N. General Assembly").
const ABBREVIATION = /(?:\b\p{Lu}\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|No)\.)\s*$/u;
// "“…?” Forte said." – a short sentence after the quotation that is only its attribution.
const ATTRIBUTION_WORDS = 8;

/** From the sentence a quotation starts in to the one it ends in ("“A. B,” she said."), and its attribution. */
function inlineSentence(ctx: Context, q: Quotation): Sentence | undefined {
  const { sentences, text } = ctx;
  let from = sentences.findIndex((s) => s.start <= q.start && q.start < s.end);
  let to = sentences.findIndex((s) => s.start < q.end && q.end <= s.end + 1);
  if (from < 0) return undefined;
  if (to < from) to = from;
  const joined = (i: number) => {
    const a = sentences[i - 1];
    const b = sentences[i];
    return (
      a !== undefined &&
      b !== undefined &&
      a.paragraph === b.paragraph &&
      ABBREVIATION.test(text.slice(a.start, b.start))
    );
  };
  while (joined(from)) from--;
  while (joined(to + 1)) to++;
  const last = sentences[to] as Sentence;
  const next = sentences[to + 1];
  if (
    last.end <= q.end + 1 &&
    next?.paragraph === last.paragraph &&
    !ctx.quoted.some((x) => overlaps(x, next)) &&
    wordCount(slice(text, next)) <= ATTRIBUTION_WORDS
  )
    to++;
  const first = sentences[from] as Sentence;
  return { start: first.start, end: (sentences[to] as Sentence).end, paragraph: first.paragraph };
}

const lastSentenceOf = (sentences: readonly Sentence[], p: Paragraph | undefined) =>
  p ? sentences.findLast((s) => s.paragraph === p.number) : undefined;

const firstSentenceOf = (sentences: readonly Sentence[], p: Paragraph | undefined) =>
  p ? sentences.find((s) => s.paragraph === p.number) : undefined;
