import type { Quote } from "./quotes.js";
import { bigrams, dice, oneEdit } from "./similarity.js";
import type { Span } from "./span.js";
import { contentTokens, isNumber, normalizeWord, STOPWORDS, type Token, tokenize } from "./tokens.js";

export interface Topic {
  name: string;
  /** Words Sessions used that this topic stands for; every one must match a quote. */
  match: readonly string[];
  /** Words a member might type instead (the article's, or everyday ones). */
  aliases: readonly string[];
}

export interface Hit {
  quote: Quote;
  score: number;
  /** Sentences of the quote that contain a matching word. */
  matched: Span[];
}

interface Posting {
  quote: number;
  token: number;
}

interface Entry {
  word: string;
  stem: string;
  postings: Posting[];
}

const FUZZY_MIN_LENGTH = 4;
const ALIAS_WEIGHT = 0.8;
const SUGGESTION_LIMIT = 25;

/** Forgiving topic search over the speaker's quotes: word forms, one typo, numbers, phrases, aliases. */
export class QuoteSearch {
  private readonly tokens: Token[][];
  private readonly vocabulary = new Map<string, Entry>();
  private readonly aliasByWords = new Map<string, Topic>();
  private readonly aliasByStems = new Map<string, Topic>();
  private readonly ignore: ReadonlySet<string>;
  private readonly matchTokens = new Map<Topic, Token[][]>();
  private readonly candidates: { label: string; key: string; rank: number; grams: Set<string> }[] = [];
  /** Topic names that match each quote, by quote number. */
  readonly topicsByQuote = new Map<number, string[]>();

  constructor(
    text: string,
    readonly quotes: readonly Quote[],
    readonly topics: readonly Topic[],
    speakerAliases: readonly string[],
  ) {
    // The speaker's own name is noise in a query about his quotes ("what did Sessions say on grants").
    this.ignore = new Set([...STOPWORDS, ...speakerAliases.flatMap((a) => tokenize(a).map((t) => t.word))]);
    this.tokens = quotes.map((q) => tokenize(text.slice(q.start, q.end), q.start));
    this.tokens.forEach((tokens, quote) => {
      tokens.forEach((t, token) => {
        const entry = this.vocabulary.get(t.stem) ?? {
          word: t.word,
          stem: t.stem,
          postings: [],
        };
        entry.postings.push({ quote, token });
        this.vocabulary.set(t.stem, entry);
      });
    });
    for (const topic of topics) {
      this.matchTokens.set(
        topic,
        topic.match.map((phrase) => contentTokens(phrase, this.ignore)),
      );
      for (const phrase of [topic.name, ...topic.aliases]) {
        const tokens = contentTokens(phrase, this.ignore);
        setOnce(this.aliasByWords, tokens.map((t) => t.word).join(" "), topic);
        setOnce(this.aliasByStems, tokens.map((t) => t.stem).join(" "), topic);
      }
    }
    this.buildSuggestions(text);
  }

  /** Quotes matching `query`, best first. Empty when nothing matches. */
  search(query: string): Hit[] {
    const original = contentTokens(query, this.ignore);
    if (original.length === 0) return [];
    const alternatives: { tokens: Token[]; weight: number }[] = [{ tokens: original, weight: 1 }];
    const topic = this.topicFor(original);
    for (const tokens of topic ? (this.matchTokens.get(topic) ?? []) : [])
      alternatives.push({ tokens, weight: ALIAS_WEIGHT });

    const best = new Map<number, { score: number; positions: Set<number> }>();
    for (const alt of alternatives) {
      for (const [quote, score, positions] of this.matchAll(alt.tokens)) {
        const current = best.get(quote) ?? {
          score: 0,
          positions: new Set<number>(),
        };
        current.score = Math.max(current.score, score * alt.weight);
        for (const p of positions) current.positions.add(p);
        best.set(quote, current);
      }
    }

    const hits: Hit[] = [];
    for (const [index, { score, positions }] of best) {
      const quote = this.quotes[index] as Quote;
      const tokens = this.tokens[index] as Token[];
      const offsets = [...positions].map((p) => (tokens[p] as Token).start);
      const matched = quote.sentences.filter((s) => offsets.some((o) => o >= s.start && o < s.end));
      hits.push({ quote, score: score + positions.size * 0.1, matched });
    }
    return hits.sort((a, b) => b.score - a.score || a.quote.number - b.quote.number);
  }

  /** Up to 25 topics that start like `prefix` (or nearly), each known to match at least one quote. */
  suggest(prefix: string, limit = SUGGESTION_LIMIT): string[] {
    const typed = this.key(prefix);
    if (typed === "") return this.candidates.slice(0, limit).map((c) => c.label);
    const scored: { label: string; score: number }[] = [];
    for (const c of this.candidates) {
      let score: number;
      if (c.key.startsWith(typed)) score = 0;
      else if (c.key.includes(` ${typed}`)) score = 1;
      else if (typed.length >= 3 && oneEdit(typed, c.key.slice(0, typed.length))) score = 2;
      else continue;
      scored.push({ label: c.label, score: score * 10 + c.rank });
    }
    return scored
      .sort((a, b) => a.score - b.score || a.label.length - b.label.length)
      .slice(0, limit)
      .map((s) => s.label);
  }

  /** Topics that match, nearest to `query` first, for a "did you mean" line when nothing matched. */
  closest(query: string, limit = 5): string[] {
    const typed = bigrams(this.key(query));
    const names = this.topics.map((t) => t.name);
    const near = this.candidates
      .map((c) => ({ label: c.label, similarity: dice(typed, c.grams) }))
      .filter((c) => c.similarity >= 0.5)
      .sort((a, b) => b.similarity - a.similarity)
      .map((c) => c.label);
    return [...new Set([...near, ...names])].slice(0, limit);
  }

  private key(phrase: string): string {
    return tokenize(phrase)
      .map((t) => t.word)
      .join(" ");
  }

  private topicFor(query: Token[]): Topic | undefined {
    const exact =
      this.aliasByWords.get(query.map((t) => t.word).join(" ")) ??
      this.aliasByStems.get(query.map((t) => t.stem).join(" "));
    if (exact || query.length !== 1) return exact;
    // One mistyped word ("fundng") still finds its topic.
    const [only] = query as [Token];
    if (isNumber(only.stem) || only.stem.length < FUZZY_MIN_LENGTH) return undefined;
    for (const [stem, topic] of this.aliasByStems) {
      if (stem.includes(" ") || Math.abs(stem.length - only.stem.length) > 1) continue;
      if (oneEdit(only.stem, stem)) return topic;
    }
    return undefined;
  }

  /** Every quote in which all query tokens occur, with a score and the token positions that matched. */
  private *matchAll(query: Token[]): Generator<[number, number, Set<number>]> {
    const perToken = query.map((q) => this.lookup(q));
    if (perToken.some((m) => m.postings.length === 0)) return;
    for (let quote = 0; quote < this.quotes.length; quote++) {
      const lists = perToken.map((m) => m.postings.filter((p) => p.quote === quote).map((p) => p.token));
      if (lists.some((l) => l.length === 0)) continue;
      const fuzzy = perToken.filter((m) => m.fuzzy).length;
      const score = 10 + (inOrder(lists) ? 3 : 0) - fuzzy * 2;
      yield [quote, score, new Set(lists.flat())];
    }
  }

  private lookup(q: Token): { postings: Posting[]; fuzzy: boolean } {
    const exact = this.vocabulary.get(q.stem);
    if (exact) return { postings: exact.postings, fuzzy: false };
    if (isNumber(q.word) || q.word.length < FUZZY_MIN_LENGTH) return { postings: [], fuzzy: false };
    const postings: Posting[] = [];
    for (const entry of this.vocabulary.values()) {
      if (isNumber(entry.word)) continue;
      // One typo changes a length by at most one, which rules out most words before the costlier check.
      const word = Math.abs(entry.word.length - q.word.length) <= 1 && oneEdit(q.word, entry.word);
      const stem =
        !word &&
        entry.stem.length >= FUZZY_MIN_LENGTH &&
        Math.abs(entry.stem.length - q.stem.length) <= 1 &&
        oneEdit(q.stem, entry.stem);
      if (word || stem) postings.push(...entry.postings);
    }
    return { postings, fuzzy: true };
  }

  private buildSuggestions(text: string): void {
    const seen = new Set<string>();
    const add = (label: string, rank: number, check = true) => {
      const key = this.key(label);
      if (key === "" || seen.has(key) || (check && this.search(label).length === 0)) return;
      seen.add(key);
      this.candidates.push({ label, key, rank, grams: bigrams(key) });
    };
    for (const t of this.topics) add(t.name, 0);
    for (const t of this.topics) for (const a of t.aliases) add(a, 1);
    for (const tokens of this.tokens)
      for (const t of tokens) if (!this.ignore.has(t.word) && t.word.length > 2) add(displayWord(text, t), 2);
    for (const [index, quote] of this.quotes.entries()) {
      this.topicsByQuote.set(
        quote.number,
        this.topics
          .filter((t) => this.search(t.name).some((h) => h.quote === this.quotes[index]))
          .map((t) => t.name),
      );
    }
  }
}

/** Keeps acronyms and names as written (ICE, USC, Homeland); lower-cases the rest. */
function displayWord(text: string, t: Token): string {
  const word = text.slice(t.start, t.end).replace(/[’']s$/u, "");
  const before = text.slice(Math.max(0, t.start - 3), t.start).replace(/[\s“]/gu, "");
  const sentenceStart = before === "" || /[.!?…]$/u.test(before);
  const keep = /\p{Lu}.*\p{Lu}/u.test(word) || (/^\p{Lu}/u.test(word) && !sentenceStart);
  return keep ? word : normalizeWord(word);
}

/** True when one position per list can be chosen in increasing order with small gaps (a phrase). */
function inOrder(lists: number[][]): boolean {
  const [first, ...rest] = lists;
  return (first ?? []).some((start) => {
    let at = start;
    for (const list of rest) {
      const next = list.find((p) => p > at && p - at <= 2);
      if (next === undefined) return false;
      at = next;
    }
    return true;
  });
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}
