/**
 * Ranked topic search over the speaker's quotes. A query's telling words are weighed by how rare
 * they are in the article; a passage is scored BM25-style on the words it holds (exact and word
 * forms above typos, typos above WordNet relations) and is a hit when it holds enough of the
 * query's weight, so a topic with one word the article lacks still finds its passage while a
 * topic about something else ("federal pizza") finds none. Curated aliases rank first.
 */
import { deriveAbbreviations } from "./abbreviations.js";
import { type Topic, TopicAliases } from "./aliases.js";
import { Frames } from "./frames.js";
import { inOrder, sentencesHolding } from "./positions.js";
import { groupOf, type Resolved, resolve } from "./postings.js";
import type { Quote } from "./quotes.js";
import type { RelatedMap } from "./related.js";
import type { Span } from "./span.js";
import { Suggestions } from "./suggestions.js";
import { COVER, FACTOR, type Kind, Lexicon, QUERY_FILLER, type Term } from "./terms.js";
import { type Token, tokenize, tokensIn } from "./tokens.js";

export type { Topic } from "./aliases.js";

/**
 * A query word found in a passage only through a related word (`found`, as written there), or
 * only in the author's words around it (no `found`): the reply says so.
 */
export interface Via {
  typed: string;
  found?: string;
}

export interface Hit {
  quote: Quote;
  score: number;
  /** Sentences of the quote that contain a matching word. */
  matched: Span[];
  via: Via[];
}

/** Share of the query's weight a passage must hold to count as a match. */
const MIN_COVERAGE = 0.4;
const ALIAS_BONUS = 100;
const PHRASE_BONUS = 0.5;
const K1 = 1.2;
const B = 0.75;

/** A term's best-scoring target in one passage, and where its words sit there. */
interface Best {
  score: number;
  kind: Kind;
  positions: number[];
}

interface Found {
  score: number;
  positions: Set<number>;
  via: Via[];
}

export class QuoteSearch {
  /** Where each quote's words start and end, by position: all a hit needs of its tokens. */
  private readonly starts: Int32Array[];
  private readonly ends: Int32Array[];
  /** stem → [quote, count, position…] groups in quote order: compact, as every added article keeps one. */
  private readonly postings = new Map<string, Int32Array>();
  /** The author's words around each quote (frames.ts). */
  private readonly frames: Frames;
  private readonly lexicon: Lexicon;
  private readonly aliases: TopicAliases;
  private readonly averageLength: number;
  /** Built on the first autocomplete or miss: it searches every word of every quote. */
  private suggestionsMade: Suggestions | undefined;
  private topicsMade: Map<number, string[]> | undefined;

  constructor(
    private readonly text: string,
    readonly quotes: readonly Quote[],
    readonly topics: readonly Topic[],
    speakerAliases: readonly string[],
    related: RelatedMap | (() => RelatedMap),
    english: ReadonlyMap<string, number>,
    paragraphs: readonly Span[] = [{ start: 0, end: text.length }],
    /** The text's tokens, when the caller has them already. */
    articleTokens: readonly Token[] = tokenize(text),
  ) {
    const quoteTokens = quotes.map((q) => tokensIn(text, articleTokens, q));
    this.starts = quoteTokens.map((tokens) => Int32Array.from(tokens, (t) => t.start));
    this.ends = quoteTokens.map((tokens) => Int32Array.from(tokens, (t) => t.end));
    const byStem = new Map<string, number[][]>();
    for (const [quote, tokens] of quoteTokens.entries())
      for (const [position, t] of tokens.entries()) {
        const groups = byStem.get(t.stem) ?? [];
        const last = groups.at(-1);
        if (last?.[0] === quote) last.push(position);
        else groups.push([quote, position]);
        byStem.set(t.stem, groups);
      }
    for (const [stem, groups] of byStem)
      this.postings.set(
        stem,
        Int32Array.from(groups.flatMap(([quote, ...at]) => [quote as number, at.length, ...at])),
      );
    this.averageLength = quoteTokens.reduce((n, t) => n + t.length, 0) / Math.max(1, quoteTokens.length);

    // The speaker's name, and its initialisms (AG), are noise in a query about his quotes.
    const speaker = speakerAliases.flatMap((a) => tokenize(a).map((t) => t.word));
    const speakerStems = new Set(speakerAliases.flatMap((a) => tokenize(a).map((t) => t.stem)));
    const quoteStems = new Set(this.postings.keys());
    const articleWords = new Set(articleTokens.map((t) => t.word));
    const abbreviations = deriveAbbreviations(
      text,
      new Set([...QUERY_FILLER, ...articleWords]),
      articleTokens,
    );
    const ignore = new Set([...QUERY_FILLER, ...speaker]);
    for (const [form, stems] of abbreviations)
      if (stems.every((s) => speakerStems.has(s))) {
        ignore.add(form);
        abbreviations.delete(form);
      }
    this.frames = new Frames(text, articleTokens, paragraphs, quotes, quoteStems, ignore);
    this.lexicon = new Lexicon(
      quoteStems,
      quoteTokens.flat(),
      paragraphs.map((p) => tokensIn(text, articleTokens, p)),
      abbreviations,
      related,
      ignore,
      english,
      this.frames,
    );
    this.aliases = new TopicAliases(topics, this.lexicon, (phrase) => this.content(phrase));
  }

  /**
   * Topic names that match each quote, by quote number (topic order). Made on the first /quote
   * hit or suggestion, one search per topic: start-up never needs it.
   */
  get topicsByQuote(): ReadonlyMap<number, string[]> {
    if (!this.topicsMade) {
      const made = new Map<number, string[]>(this.quotes.map((q) => [q.number, []]));
      for (const topic of this.topics)
        for (const number of new Set(this.search(topic.name).map((h) => h.quote.number)))
          made.get(number)?.push(topic.name);
      this.topicsMade = made;
    }
    return this.topicsMade;
  }

  /** Quotes matching `query`, best first. Empty when nothing matches. */
  search(query: string): Hit[] {
    const content = this.content(query);
    if (content.length === 0) return [];
    // A curated alias ranks its passages first; what the words themselves find adds to that.
    const found = new Map<number, Found>();
    const topic = this.aliases.topicFor(content);
    for (const terms of topic ? (this.aliases.matchTerms.get(topic) ?? []) : [])
      for (const [quote, f] of this.rank(terms, true)) {
        const current = found.get(quote);
        if (!current) found.set(quote, { score: f.score + ALIAS_BONUS, positions: f.positions, via: [] });
        else {
          for (const p of f.positions) current.positions.add(p);
          current.score = Math.max(current.score, f.score + ALIAS_BONUS);
        }
      }
    // Without a whole-topic alias, an alias inside the topic counts for its part of the query.
    const terms = topic ? this.lexicon.terms(content) : this.aliases.terms(content);
    for (const [quote, f] of this.rank(terms, false)) {
      const current = found.get(quote);
      if (!current) found.set(quote, f);
      else {
        for (const p of f.positions) current.positions.add(p);
        current.score += f.score;
      }
    }

    const hits: Hit[] = [];
    for (const [index, { score, positions, via }] of found) {
      const quote = this.quotes[index] as Quote;
      const starts = this.starts[index] as Int32Array;
      hits.push({ quote, score, matched: sentencesHolding(quote, starts, positions), via });
    }
    return hits.sort((a, b) => b.score - a.score || a.quote.number - b.quote.number);
  }

  /** Up to 25 topics for what a member has typed so far, each known to match at least one quote. */
  suggest(prefix: string, limit?: number): string[] {
    return this.suggestions.suggest(prefix, limit);
  }

  /** Topics that match, nearest to `query` first, for the "topics that do match" line of a miss. */
  closest(query: string, limit = 5): string[] {
    return this.suggestions.closest(query, limit);
  }

  private get suggestions(): Suggestions {
    this.suggestionsMade ??= new Suggestions(this.text, this);
    return this.suggestionsMade;
  }

  /** The query's words that can carry meaning: filler and the speaker's name removed. */
  content(query: string): Token[] {
    return tokenize(query.slice(0, 500)).filter((t) => !this.lexicon.ignore.has(t.word));
  }

  /** Passages holding enough of the terms' weight (all of an alias's terms), with a BM25 score. */
  private rank(terms: Term[], all: boolean): Map<number, Found> {
    const total = terms.reduce((sum, t) => sum + t.weight, 0);
    // Each target's postings, looked up once for the query rather than once per passage.
    const resolved = terms.map((term) => resolve(this.postings, this.frames, term));
    const out = new Map<number, Found>();
    for (let quote = 0; quote < this.quotes.length; quote++) {
      let score = 0;
      let covered = 0;
      // Each term's best target here, in term order; made only for a passage holding one.
      let matched: { term: Term; best: Best }[] | undefined;
      for (let i = 0; i < terms.length; i++) {
        const best = this.bestTarget(resolved[i] as Resolved[], quote);
        if (!best) continue;
        const term = terms[i] as Term;
        score += best.score;
        covered += term.weight * COVER[best.kind];
        matched ??= [];
        matched.push({ term, best });
      }
      if (!matched || (all ? matched.length < terms.length : covered < MIN_COVERAGE * total)) continue;
      const positions = new Set<number>();
      const via: Via[] = [];
      for (const { term, best } of matched) {
        for (const p of best.positions) positions.add(p);
        if (best.kind === "framed") via.push({ typed: term.typed });
        else if (best.kind === "synonym" || best.kind === "related")
          via.push({ typed: term.typed, found: this.wordAt(quote, best.positions[0] ?? 0) });
      }
      if (matched.length > 1 && inOrder(matched.map((m) => m.best.positions)))
        score += PHRASE_BONUS * matched.length;
      out.set(quote, { score, positions, via });
    }
    return out;
  }

  /** The target that scores best in quote `quote`; quotes are asked in increasing order. */
  private bestTarget(targets: readonly Resolved[], quote: number): Best | undefined {
    let best: Best | undefined;
    const norm = K1 * (1 - B + (B * (this.starts[quote] as Int32Array).length) / this.averageLength);
    for (const target of targets) {
      let score = 0;
      let missing = false;
      for (let i = 0; i < target.lists.length; i++) {
        const at = groupOf(target, i, quote);
        if (at < 0) {
          missing = true;
          break;
        }
        // A framed word's group holds no positions: it counts once.
        const tf = ((target.lists[i] as Int32Array)[at + 1] as number) || 1;
        score += (this.lexicon.idf(target.stems[i] as string) * tf * (K1 + 1)) / (tf + norm);
      }
      if (missing) continue;
      score = (score / target.stems.length) * FACTOR[target.kind];
      if (!best || score > best.score) best = { score, kind: target.kind, positions: [] };
      if (best.score === score && best.positions.length === 0)
        for (let i = 0; i < target.lists.length; i++) {
          const packed = target.lists[i] as Int32Array;
          const at = groupOf(target, i, quote);
          const end = at + 2 + (packed[at + 1] as number);
          for (let p = at + 2; p < end; p++) best.positions.push(packed[p] as number);
        }
    }
    return best;
  }

  /** The passage's word at a position, as written. */
  private wordAt(quote: number, position: number): string {
    const start = (this.starts[quote] as Int32Array)[position] as number;
    return this.text.slice(start, (this.ends[quote] as Int32Array)[position]);
  }
}
