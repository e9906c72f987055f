/**
 * An added article's summary, extractive and so faithful by construction: the article's own
 * sentences, as spans into its stored text with their ¶, in article order. Sentences are chosen
 * by centrality (TextRank: PageRank over a graph whose edges are how many content words two
 * sentences share, normalised by their lengths) blended with lead position (news puts what
 * matters first), skipping any sentence that mostly repeats one already chosen.
 */
import type { Paragraph, Sentence } from "../paragraphs.js";
import { slice } from "../span.js";
import { contentTokens } from "../tokens.js";

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
): Summary {
  const body = new Set(paragraphs.filter((p) => p.number !== null && !p.heading).map((p) => p.number));
  const candidates = sentences
    .filter((s) => body.has(s.paragraph))
    .map((s) => ({ sentence: s, words: new Set(contentTokens(slice(text, s)).map((t) => t.stem)) }))
    .filter((c) => {
      const n = slice(text, c.sentence).split(/\s+/u).length;
      return n >= MIN_WORDS && n <= MAX_WORDS && c.words.size > 0;
    });
  const n = candidates.length;
  const similarity = candidates.map((a, i) =>
    candidates.map((b, j) => (i === j ? 0 : overlap(a.words, b.words))),
  );
  const rank = pageRank(similarity);
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

/** TextRank's edge weight: shared words over the log of both lengths. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const norm = Math.log(a.size + 1) + Math.log(b.size + 1);
  return common === 0 || norm === 0 ? 0 : common / norm;
}

const shared = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size);
};

/** Weighted PageRank by power iteration; a sentence linked to nothing keeps the base score. */
function pageRank(weights: readonly (readonly number[])[]): number[] {
  const n = weights.length;
  const out = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let rank = new Array<number>(n).fill(1 / Math.max(n, 1));
  for (let k = 0; k < ITERATIONS; k++) {
    const next = new Array<number>(n).fill((1 - DAMPING) / Math.max(n, 1));
    for (let j = 0; j < n; j++) {
      const from = out[j] ?? 0;
      if (from === 0) continue;
      const row = weights[j] as readonly number[];
      for (let i = 0; i < n; i++)
        next[i] = (next[i] ?? 0) + (DAMPING * (rank[j] ?? 0) * (row[i] ?? 0)) / from;
    }
    rank = next;
  }
  return rank;
}
