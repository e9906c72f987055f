/**
 * Topic suggestions from the same search /quote uses: autocomplete as a member types, and the
 * "topics that do match" line of a miss. Every candidate (curated topics, their aliases, the
 * speaker's own words) is kept only if searching it finds a passage.
 */
import type { Quote } from "./quotes.js";
import { bigrams, oneEdit } from "./similarity.js";
import { slice } from "./span.js";
import { normalizeWord, type Token, tokenize } from "./tokens.js";

/** What suggestions need of the search (declared here, so the search can own a Suggestions). */
export interface Searchable {
  readonly topics: readonly { name: string; aliases: readonly string[] }[];
  readonly quotes: readonly Quote[];
  readonly topicsByQuote: ReadonlyMap<number, string[]>;
  search(query: string): readonly { quote: Quote }[];
  content(word: string): readonly unknown[];
}

const SUGGESTION_LIMIT = 25;
const MIN_SIMILARITY = 0.5;

interface Candidate {
  label: string;
  key: string;
  rank: number;
  grams: number;
}

export class Suggestions {
  private readonly candidates: Candidate[] = [];
  /** Character bigram → candidates holding it, so a miss is compared with few candidates, not all. */
  private readonly byGram = new Map<number, Uint32Array>();
  /** Bigrams each candidate shares with the query, reused by every closest() call (reset there). */
  private readonly shared: Uint16Array;
  private readonly topicNames: readonly string[];

  constructor(
    text: string,
    private readonly search: Searchable,
  ) {
    const seen = new Set<string>();
    const holders = new Map<number, number[]>();
    const add = (label: string, rank: number) => {
      const key = keyOf(label);
      if (key === "" || seen.has(key) || search.search(label).length === 0) return;
      seen.add(key);
      const grams = bigrams(key);
      for (const g of grams) {
        const list = holders.get(g);
        if (list) list.push(this.candidates.length);
        else holders.set(g, [this.candidates.length]);
      }
      this.candidates.push({ label, key, rank, grams: grams.size });
    };
    for (const t of search.topics) add(t.name, 0);
    for (const t of search.topics) for (const a of t.aliases) add(a, 1);
    for (const q of search.quotes)
      for (const t of tokenize(slice(text, q), q.start))
        if (t.word.length > 2 && search.content(t.word).length > 0) add(displayWord(text, t), 2);
    // Typed arrays: the miss path walks these lists on every /quote that finds nothing.
    for (const [g, list] of holders) this.byGram.set(g, Uint32Array.from(list));
    this.shared = new Uint16Array(this.candidates.length);
    this.topicNames = search.topics.map((t) => t.name);
  }

  suggest(prefix: string, limit = SUGGESTION_LIMIT): string[] {
    const typed = keyOf(prefix.slice(0, 100));
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
    const labels = scored
      .sort((a, b) => a.score - b.score || a.label.length - b.label.length)
      .map((s) => s.label);
    // A whole word that matches through the search ("slaying") suggests the topics of what it finds.
    if (typed.length >= 3) labels.push(...this.topicsFor(prefix));
    return [...new Set(labels)].slice(0, limit);
  }

  closest(query: string, limit: number): string[] {
    const typed = bigrams(keyOf(query.slice(0, 200)));
    // Dice's coefficient with every candidate that shares a bigram, counted in one pass.
    const { shared, candidates } = this;
    shared.fill(0);
    for (const g of typed) {
      const holders = this.byGram.get(g);
      if (holders)
        for (let k = 0; k < holders.length; k++) {
          const i = holders[k] as number;
          shared[i] = (shared[i] as number) + 1;
        }
    }
    const near: { label: string; similarity: number }[] = [];
    for (let i = 0; i < shared.length; i++) {
      const n = shared[i] as number;
      if (n === 0) continue;
      const c = candidates[i] as Candidate;
      const similarity = (2 * n) / (typed.size + c.grams);
      if (similarity >= MIN_SIMILARITY) near.push({ label: c.label, similarity });
    }
    near.sort((a, b) => b.similarity - a.similarity);
    const out: string[] = [];
    for (const label of [...near.map((c) => c.label), ...this.topicNames]) {
      if (out.length >= limit) break;
      if (!out.includes(label)) out.push(label);
    }
    return out;
  }

  private topicsFor(phrase: string): string[] {
    const [best] = this.search.search(phrase);
    return best ? (this.search.topicsByQuote.get(best.quote.number) ?? []) : [];
  }
}

const keyOf = (phrase: string): string =>
  tokenize(phrase)
    .map((t) => t.word)
    .join(" ");

/** Keeps acronyms and names as written (ICE, USC, Homeland); lower-cases the rest. */
function displayWord(text: string, t: Token): string {
  const word = slice(text, t).replace(/[’']s$/u, "");
  const before = text.slice(Math.max(0, t.start - 3), t.start).replace(/[\s“]/gu, "");
  const sentenceStart = before === "" || /[.!?…]$/u.test(before);
  const keep = /\p{Lu}.*\p{Lu}/u.test(word) || (/^\p{Lu}/u.test(word) && !sentenceStart);
  return keep ? word : normalizeWord(word);
}
