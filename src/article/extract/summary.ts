/**
 * An added article's summary, extractive and so faithful by construction: the article's own
 * sentences, as spans into its stored text with their ¶, in article order. Sentences are chosen
 * by centrality (TextRank: PageRank over a graph whose edges are how many content words two
 * sentences share, normalised by their lengths) blended with lead position (news puts what
 * matters first), skipping any sentence that mostly repeats one already chosen.
 */
import type { Paragraph, Sentence } from "../paragraphs.js";
import { slice } from "../span.js";
import { contentOf, type Token, tokenize, tokensIn } from "../tokens.js";

export interface Summary {
  /** 3–4 sentences. */
  short: Sentence[];
  /** About 8–10 sentences (fewer when the article has fewer worth taking). */
  full: Sentence[];
}

const DAMPING = 0.85;
const ITERATIONS = 50;
const LEAD_WEIGHT = 0.3;
// Too short to say anything alone ("Fresh halibut is back."), or too long to be a summary line.
const MIN_WORDS = 8;
const MAX_WORDS = 60;
// Two sentences sharing more than this share of their words say the same thing.
const REDUNDANT = 0.5;

export function summarize(
  text: string,
  paragraphs: readonly Paragraph[],
  sentences: readonly Sentence[],
  tokens: readonly Token[] = tokenize(text),
): Summary {
  const body = new Set(paragraphs.filter((p) => p.number !== null && !p.heading).map((p) => p.number));
  const candidates = sentences
    .filter((s) => body.has(s.paragraph))
    .map((s) => ({ sentence: s, words: new Set(contentOf(tokensIn(text, tokens, s)).map((t) => t.stem)) }))
    .filter((c) => {
      const n = slice(text, c.sentence).split(/\s+/u).length;
      return n >= MIN_WORDS && n <= MAX_WORDS && c.words.size > 0;
    });
  const n = candidates.length;
  const rank = pageRank(similarities(candidates.map((c) => c.words)));
  const top = Math.max(...rank, Number.MIN_VALUE);
  const scored = candidates
    .map((c, i) => ({ ...c, score: (1 - LEAD_WEIGHT) * ((rank[i] ?? 0) / top) + LEAD_WEIGHT / (1 + i) }))
    .sort((a, b) => b.score - a.score);

  const pick = (count: number): Sentence[] => {
    const chosen: typeof scored = [];
    for (const c of scored) {
      if (chosen.length >= count) break;
      if (chosen.some((d) => shared(c.words, d.words) > REDUNDANT)) continue;
      chosen.push(c);
    }
    return chosen.map((c) => c.sentence).sort((a, b) => a.start - b.start);
  };
  return { short: pick(n >= 30 ? 4 : 3), full: pick(Math.min(10, Math.max(8, Math.round(n / 5)))) };
}

/**
 * TextRank's edge weights, shared words over the log of both lengths, as each sentence's
 * neighbours (sentences sharing no word are no edge). Shared words are counted from each word's
 * list of sentences, so only pairs that share one cost anything (a 5,000-word article has some
 * 200 candidates, 20,000 pairs). Each pair is counted once, for the later sentence, and entered in
 * both rows: a row still lists its neighbours in increasing order, so the ranks do not change.
 */
function similarities(sets: readonly ReadonlySet<string>[]): Edges[] {
  const holders = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const w of set) {
      const list = holders.get(w);
      if (list) list.push(i);
      else holders.set(w, [i]);
    }
  });
  const logs = sets.map((set) => Math.log(set.size + 1));
  const edges: Edges[] = sets.map(() => ({ to: [], weight: [] }));
  const common = new Int32Array(sets.length);
  for (let i = 0; i < sets.length; i++) {
    for (const w of sets[i] as ReadonlySet<string>)
      for (const j of holders.get(w) as number[]) if (j > i) common[j] = (common[j] as number) + 1;
    for (let j = i + 1; j < sets.length; j++) {
      const shared = common[j] as number;
      if (shared === 0) continue;
      common[j] = 0;
      const norm = (logs[i] as number) + (logs[j] as number);
      if (norm === 0) continue;
      const weight = shared / norm;
      const a = edges[i] as Edges;
      const b = edges[j] as Edges;
      a.to.push(j);
      a.weight.push(weight);
      b.to.push(i);
      b.weight.push(weight);
    }
  }
  return edges;
}

interface Edges {
  to: number[];
  weight: number[];
}

const shared = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size);
};

/**
 * Weighted PageRank by power iteration; a sentence linked to nothing keeps the base score. The
 * sums run in the same order as over the full matrix (a missing edge adds nothing), so the ranks
 * are the same to the last bit; typed arrays hold the same doubles, without a new array a round.
 */
function pageRank(edges: readonly Edges[]): number[] {
  const n = edges.length;
  const out = edges.map((row) => row.weight.reduce((a, b) => a + b, 0));
  const to = edges.map((row) => Int32Array.from(row.to));
  const weight = edges.map((row) => Float64Array.from(row.weight));
  let rank = new Float64Array(n).fill(1 / Math.max(n, 1));
  let next = new Float64Array(n);
  for (let k = 0; k < ITERATIONS; k++) {
    next.fill((1 - DAMPING) / Math.max(n, 1));
    for (let j = 0; j < n; j++) {
      const from = out[j] as number;
      if (from === 0) continue;
      const targets = to[j] as Int32Array;
      const weights = weight[j] as Float64Array;
      const share = DAMPING * (rank[j] as number);
      for (let e = 0; e < targets.length; e++) {
        const i = targets[e] as number;
        next[i] = (next[i] as number) + (share * (weights[e] as number)) / from;
      }
    }
    [rank, next] = [next, rank];
  }
  return Array.from(rank);
}
