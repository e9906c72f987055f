/**
 * The related-word map of an article, cached beside it: deriving it reads WordNet (about 0.1 to
 * 0.2 s), which start-up cannot afford, so the shipped article carries `article.related.json`,
 * made by `npm run related` (write-related.ts) and checked by a test. The cache names the words it was derived from;
 * an article whose words differ (a new or edited one) derives its own map at load instead.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR } from "../runtime/paths.js";
import { deriveRelated, type RelatedMap, stemKey } from "./related.js";
import { tokenize } from "./tokens.js";
import { WordNet } from "./wordnet.js";

/** Bump when deriveRelated changes what it produces, so every cache is derived again. */
const DERIVATION = 3;
export const RELATED_FILE = "article.related.json";
/** How common English words are (by stem), the same for every article. */
export const COMMONNESS_FILE = "english-commonness.txt";
/** Words seen fewer times than this count as rare: leaving them out keeps the file small. */
const MIN_COUNT = 3;

/**
 * The cache's shape, checked by hand: zod took 20 ms of start-up over its thousand entries. Only
 * its key is trusted to say whether it fits; a file that does not parse is derived again.
 */
function parseCache(raw: string): { key: string; related: RelatedMap } | undefined {
  try {
    const data = JSON.parse(raw) as { key?: unknown; related?: unknown };
    if (typeof data.key !== "string" || typeof data.related !== "object" || data.related === null)
      return undefined;
    return { key: data.key, related: data.related as RelatedMap };
  } catch {
    return undefined;
  }
}

/** Words, and runs of two and three words, of the passages: WordNet has "drug trafficking". */
export function passageWords(passages: readonly string[]): string[] {
  const words = new Set<string>();
  for (const passage of passages) {
    const w = tokenize(passage).map((t) => t.word);
    w.forEach((word, i) => {
      words.add(word);
      if (i + 1 < w.length) words.add(`${word} ${w[i + 1]}`);
      if (i + 2 < w.length) words.add(`${word} ${w[i + 1]} ${w[i + 2]}`);
    });
  }
  return [...words].sort();
}

export function cacheKey(words: readonly string[]): string {
  return `${DERIVATION}:${createHash("sha256").update(words.join("\n")).digest("hex")}`;
}

/** The cached map when it was derived from these words, else a fresh derivation. */
export function relatedFor(passages: readonly string[], dir = DATA_DIR): RelatedMap {
  const words = passageWords(passages);
  const file = join(dir, RELATED_FILE);
  if (existsSync(file)) {
    const cached = parseCache(readFileSync(file, "utf8"));
    if (cached?.key === cacheKey(words)) return cached.related;
  }
  return deriveRelated(words);
}

/** Writes the cache for the shipped article (`npm run related`). */
export function writeRelated(passages: readonly string[], dir = DATA_DIR): string {
  const words = passageWords(passages);
  const file = join(dir, RELATED_FILE);
  writeFileSync(file, `${JSON.stringify({ key: cacheKey(words), related: deriveRelated(words) })}\n`);
  return file;
}

/** Stem → times seen in WordNet's tagged corpus, for stems seen at least a few times. */
export function deriveCommonness(wordnet = new WordNet()): Record<string, number> {
  const byStem = new Map<string, number>();
  for (const [lemma, count] of wordnet.tagCounts()) {
    if (!/^[a-z]+$/u.test(lemma)) continue;
    const stem = stemKey(lemma);
    byStem.set(stem, (byStem.get(stem) ?? 0) + count);
  }
  const out: Record<string, number> = {};
  for (const stem of [...byStem.keys()].sort()) {
    const count = byStem.get(stem) ?? 0;
    if (count >= MIN_COUNT) out[stem] = count;
  }
  return out;
}

/** Read once per directory and shared, read-only, by every article's search. */
const commonnessByDir = new Map<string, ReadonlyMap<string, number>>();

/**
 * One "stem count" a line: read at start-up, and a plain list parses faster than a JSON object.
 * Every article shares the one map (7,000 stems): an added article would otherwise read the file
 * again and keep its own copy.
 */
export function commonness(dir = DATA_DIR): ReadonlyMap<string, number> {
  let counts = commonnessByDir.get(dir);
  if (!counts) {
    counts = readCommonness(dir);
    commonnessByDir.set(dir, counts);
  }
  return counts;
}

function readCommonness(dir: string): ReadonlyMap<string, number> {
  const file = join(dir, COMMONNESS_FILE);
  if (!existsSync(file)) return new Map(Object.entries(deriveCommonness()));
  const counts = new Map<string, number>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) counts.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return counts;
}

export function writeCommonness(dir = DATA_DIR): string {
  const file = join(dir, COMMONNESS_FILE);
  const lines = Object.entries(deriveCommonness()).map(([stem, count]) => `${stem} ${count}\n`);
  writeFileSync(file, lines.join(""));
  commonnessByDir.delete(dir);
  return file;
}
