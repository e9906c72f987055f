/**
 * How a query's words reach the speaker's words: each typed word (or run of two or three) becomes
 * a term with a weight (how telling it is: rare in the article, or unknown to it) and the article
 * stems it may stand for, found exactly, as a derived abbreviation, within one typo, or through
 * WordNet. Question frames and function words are dropped, so they carry no weight.
 */
import { irregularForms } from "./irregular.js";
import type { RelatedMap } from "./related.js";
import { isNumber, STOPWORDS, stemOf, type Token } from "./tokens.js";
import { TypoIndex } from "./typos.js";

/**
 * `alias`: a curated topic's own words, reached through an alias inside a longer topic (aliases.ts).
 * `framed`: not in the passage at all, but in the author's words around it (frames.ts).
 */
export type Kind = "exact" | "abbreviation" | "alias" | "typo" | "synonym" | "related" | "framed";

/** What a match through each kind is worth beside an exact one, for ranking passages. */
export const FACTOR: Record<Kind, number> = {
  exact: 1,
  abbreviation: 1,
  alias: 0.8,
  typo: 0.8,
  synonym: 0.7,
  related: 0.5,
  framed: 0.4,
};
/** How far a match through each kind covers the typed word, for deciding whether a passage matches. */
export const COVER: Record<Kind, number> = {
  exact: 1,
  abbreviation: 1,
  alias: 1,
  typo: 0.9,
  synonym: 0.9,
  related: 0.75,
  framed: 0.75,
};

export interface Target {
  /** Article stems; a phrase matches where all of them occur. */
  stems: string[];
  kind: Kind;
}

export interface Term {
  typed: string;
  weight: number;
  targets: Target[];
}

/** Words that frame a question rather than name a topic ("what did he say about", "how many"). */
export const QUERY_FILLER = new Set([
  ...STOPWORDS,
  ..."about regarding concerning on any anything something thing things tell me you your say says said saying talk talks talked talking mention mentions mentioned think thinks thought claim claims claimed speak speaks spoke what's whats how many much why does did do done will would could should can may might there here any some all that those these they them him her she has have had been being were if so than then just also even very really today now quote quotes passage passages article part show find give please get got going want wants lot kind sort exactly off out up down over non must which whose whom shall need needs happen happens happened happening announce announces announced announcing declare declares declared explain explains explained".split(
    " ",
  ),
]);

const MIN_TYPO_LENGTH = 4;
const NEGATION = /^(?:non|dis|un|in|im|il|ir)/u;
const MIN_UNPREFIXED = 5;
const OFF_QUOTE_SHARE = 0.5;
/** A word seen this often in English counts half as telling as a rare one ("lose", "place" are common). */
const COMMON_COUNT = 25;

export class Lexicon {
  private readonly typos = new TypoIndex<string>();
  /** First stems of the multi-word keys, so a word that starts none costs one lookup. */
  private readonly phraseStarts = new Set<string>();
  /**
   * A Map, not the parsed object: a typed "__proto__" or "constructor" must find nothing. Each
   * entry's targets are one string ("sstem|rstem two": relation initial, then stems), read back
   * per lookup: an article keeps a few thousand entries, and as arrays of pairs they took 2.5
   * times the memory (460 KiB of a 5,000-word article's).
   */
  private packed: ReadonlyMap<string, string> | undefined;
  private related: RelatedMap | (() => RelatedMap) | undefined;
  private readonly df = new Map<string, number>();
  private readonly idfs = new Map<string, number>();
  private readonly paragraphs: number;

  constructor(
    private readonly quoteStems: ReadonlySet<string>,
    quoteTokens: readonly Token[],
    articleParagraphs: readonly (readonly Token[])[],
    private readonly abbreviations: ReadonlyMap<string, string[]>,
    /** Or how to derive it, on the first query that needs it (an added article's, from WordNet). */
    related: RelatedMap | (() => RelatedMap),
    readonly ignore: ReadonlySet<string>,
    private readonly english: ReadonlyMap<string, number>,
    /** Stems of the author's words around some quote (frames.ts). */
    private readonly framing: { has(stem: string): boolean },
  ) {
    for (const t of quoteTokens)
      if (!isNumber(t.word)) {
        this.typos.add(t.word, t.stem);
        if (t.stem.length >= MIN_TYPO_LENGTH) this.typos.add(t.stem, t.stem);
      }
    for (const tokens of articleParagraphs)
      for (const stem of new Set(tokens.map((t) => t.stem))) this.df.set(stem, (this.df.get(stem) ?? 0) + 1);
    this.paragraphs = articleParagraphs.length;
    this.related = related;
  }

  /**
   * The related words, packed on first use: deriving an added article's reads WordNet (about a
   * fifth of its ingest), which a query of only its own words ("grants", "claw back") never
   * needs; autocomplete's suggestions, made from every word of the article, do.
   */
  private relatedWords(): ReadonlyMap<string, string> {
    if (this.packed) return this.packed;
    const related = typeof this.related === "function" ? this.related() : (this.related ?? {});
    const packed = new Map(
      Object.entries(related).map(([key, targets]) => [
        key,
        targets.map(([t, r]) => `${r[0]}${t}`).join("|"),
      ]),
    );
    for (const key of packed.keys()) if (key.includes(" ")) this.phraseStarts.add(key.split(" ")[0] ?? "");
    this.packed = packed;
    this.related = undefined;
    return packed;
  }

  /** BM25's inverse document frequency over the article's paragraphs. */
  idf(stem: string): number {
    let idf = this.idfs.get(stem);
    if (idf === undefined) {
      const n = this.df.get(stem) ?? 0;
      idf = Math.log(1 + (this.paragraphs - n + 0.5) / (n + 0.5));
      // Only the article's stems are kept: a typed word never seen is computed each time, not stored.
      if (n > 0) this.idfs.set(stem, idf);
    }
    return idf;
  }

  /** The terms of a query's tokens (filler already removed). */
  terms(tokens: readonly Token[]): Term[] {
    const terms: Term[] = [];
    for (let i = 0; i < tokens.length; ) {
      const phrase = this.phraseAt(tokens, i);
      if (phrase) {
        terms.push(phrase.term);
        i += phrase.length;
        continue;
      }
      terms.push(this.wordTerm(tokens[i] as Token));
      i++;
    }
    return terms;
  }

  private wordTerm(t: Token): Term {
    let targets: Target[] = [];
    // His word, or a form of it the stemmer cannot reach ("children" where he says "child").
    const own = this.quoteStems.has(t.stem) ? t.stem : this.irregularStem(t.word);
    if (own) targets = [{ stems: [own], kind: "exact" }];
    else if (this.abbreviations.has(t.word))
      targets = [{ stems: this.abbreviations.get(t.word) ?? [], kind: "abbreviation" }];
    else {
      // A word English knows is meant as typed ("killings" is no typo of "willing"), and so is a
      // word the article itself uses ("sanctuary").
      const known = this.english.has(t.stem) || this.df.has(t.stem);
      if (!isNumber(t.word) && t.word.length >= MIN_TYPO_LENGTH && !known) {
        const near = this.typos.find(t.word);
        if (t.stem !== t.word)
          for (const stem of this.typos.find(t.stem)) if (!near.includes(stem)) near.push(stem);
        targets = near.map((stem) => ({ stems: [stem], kind: "typo" as const }));
      }
      targets.push(...this.relatedTargets(t.stem));
      if (targets.length === 0) targets = this.unprefixed(t.word);
      // Last, and weakest: the article's own word around a passage ("threatened").
      if (targets.length === 0 && this.framing.has(t.stem)) targets = [{ stems: [t.stem], kind: "framed" }];
    }
    return { typed: t.word, weight: this.weight(targets, [t.stem]), targets };
  }

  /** A run of two or three words WordNet knows as one ("drug dealer") and that is not all exact. */
  private phraseAt(tokens: readonly Token[], i: number): { term: Term; length: number } | undefined {
    if (i + 1 >= tokens.length) return undefined;
    // Runs of the article's own words are never looked up (below): no need to read WordNet for them.
    const exact = (t: Token | undefined) => t !== undefined && this.quoteStems.has(t.stem);
    if (exact(tokens[i]) && exact(tokens[i + 1]) && (i + 2 >= tokens.length || exact(tokens[i + 2])))
      return undefined;
    const related = this.relatedWords();
    if (!this.phraseStarts.has((tokens[i] as Token).stem)) return undefined;
    for (const length of [3, 2]) {
      const run = tokens.slice(i, i + length);
      if (run.length < length || run.every((t) => this.quoteStems.has(t.stem))) continue;
      const key = run.map((t) => t.stem).join(" ");
      if (!related.has(key)) continue;
      // His own words in the run still count as themselves ("drug" in "drug dealers").
      const exact = run.filter((t) => this.quoteStems.has(t.stem)).map((t) => t.stem);
      const targets = [
        ...this.relatedTargets(key),
        ...(exact.length > 0 ? [{ stems: exact, kind: "exact" as const }] : []),
      ];
      return {
        term: {
          typed: run.map((t) => t.word).join(" "),
          weight: this.weight(
            targets,
            run.map((t) => t.stem),
          ),
          targets,
        },
        length,
      };
    }
    return undefined;
  }

  /**
   * A word that negates one of his ("ineligible" where he says eligibility, "unlawful"
   * where he says lawful): related, so the reply says which word it found. The rest must be long
   * enough to be a word of its own ("inform" is no negation of "form").
   */
  private unprefixed(word: string): Target[] {
    const prefix = NEGATION.exec(word)?.[0];
    if (!prefix || word.length - prefix.length < MIN_UNPREFIXED) return [];
    const stem = this.hisStem(word.slice(prefix.length));
    return stem ? [{ stems: [stem], kind: "related" }] : [];
  }

  /** The stem of an irregular singular or plural of `word` that his passages hold. */
  private irregularStem(word: string): string | undefined {
    for (const form of irregularForms(word)) {
      const stem = this.hisStem(form);
      if (stem) return stem;
    }
    return undefined;
  }

  /** The stem of `word` (normalised) when his passages hold it. */
  private hisStem(word: string): string | undefined {
    const stem = stemOf(word);
    return this.quoteStems.has(stem) ? stem : undefined;
  }

  private relatedTargets(key: string): Target[] {
    const packed = this.relatedWords().get(key);
    if (packed === undefined) return [];
    return packed.split("|").map((entry) => ({
      stems: entry.slice(1).split(" "),
      kind: entry[0] === "s" ? "synonym" : "related",
    }));
  }

  /**
   * How telling a typed word is: rare in the article (BM25's IDF; a word the article never uses is
   * rarest) and rare in English, so "lose" or "result" weigh less than "grants" or "pizza". A
   * word the article uses only outside the quotes counts half (it is about what he said, in the
   * author's words: "threatened"), even where those words frame a passage.
   */
  private weight(targets: Target[], stems: string[]): number {
    const count = Math.min(...stems.map((s) => this.english.get(s) ?? 0));
    const specific = 1 / (1 + count / COMMON_COUNT);
    if (targets.some((t) => t.kind !== "framed"))
      return (
        specific *
        Math.max(...targets.map((t) => t.stems.reduce((sum, s) => sum + this.idf(s), 0) / t.stems.length))
      );
    const inArticle = stems.every((s) => this.df.has(s));
    return (
      specific * (inArticle ? OFF_QUOTE_SHARE * Math.max(...stems.map((s) => this.idf(s))) : this.idf(""))
    );
  }
}
