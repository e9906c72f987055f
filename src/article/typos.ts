/**
 * Words within one typo of a typed word, found by lookup instead of a scan: every known word is
 * stored under itself and each of its one-letter deletions, so a query word needs only its own
 * deletions looked up, and `oneEdit` confirms the few candidates. Keeps the miss path cheap.
 *
 * Compact, because every article keeps one over its quotes' words (some 7,000 deletions for a
 * 5,000-word article): a deletion is not kept as a string but as its hash, the word it comes from
 * and which letter it drops, in typed arrays sorted by hash, so a lookup is a binary search. A
 * hash shared by two deletions is told apart by comparing them letter by letter (neither is made as
 * a string), so what is found, and in what order, is what a map from each deletion to its words
 * would give.
 */
import { oneEdit } from "./similarity.js";

/** The word itself, not a deletion. */
const WHOLE = -1;

export class TypoIndex<V> {
  private readonly words: string[] = [];
  private readonly values: V[] = [];
  private readonly known = new Map<string, number>();
  /** Added since the last lookup, as [hash, word, dropped letter] triples. */
  private pending: number[] = [];
  private hashes = new Int32Array(0);
  private owners = new Uint32Array(0);
  private dropped = new Int32Array(0);

  add(word: string, value: V): void {
    // A word is kept once, with the value it was first added with.
    if (this.known.has(word)) return;
    const owner = this.words.length;
    this.known.set(word, owner);
    this.words.push(word);
    this.values.push(value);
    const seen = new Set<string>();
    for (let i = WHOLE; i < word.length; i++) {
      const key = deletion(word, i);
      if (seen.has(key)) continue;
      seen.add(key);
      this.pending.push(hashWithout(word, i), owner, i);
    }
  }

  /** Values of known words at most one insertion, deletion, substitution or swap from `word`. */
  find(word: string): V[] {
    if (this.pending.length > 0) this.seal();
    const found: V[] = [];
    // Made only when a deletion's hash is found: most typed words share none with the article's.
    let seen: Set<number> | undefined;
    for (let i = WHOLE; i < word.length; i++) {
      const h = hashWithout(word, i);
      // Entries of one hash are in the order their words were added.
      for (let at = this.first(h); at < this.hashes.length && this.hashes[at] === h; at++) {
        const owner = this.owners[at] as number;
        const known = this.words[owner] as string;
        seen ??= new Set();
        if (seen.has(owner) || !sameDeletion(known, this.dropped[at] as number, word, i)) continue;
        seen.add(owner);
        if (oneEdit(word, known)) found.push(this.values[owner] as V);
      }
    }
    return found;
  }

  /** The pending entries merged into the sorted arrays. */
  private seal(): void {
    const n = this.hashes.length + this.pending.length / 3;
    const hashes = new Int32Array(n);
    const owners = new Uint32Array(n);
    const dropped = new Int32Array(n);
    hashes.set(this.hashes);
    owners.set(this.owners);
    dropped.set(this.dropped);
    for (let k = 0, at = this.hashes.length; k < this.pending.length; k += 3, at++) {
      hashes[at] = this.pending[k] as number;
      owners[at] = this.pending[k + 1] as number;
      dropped[at] = this.pending[k + 2] as number;
    }
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        (hashes[a] as number) - (hashes[b] as number) || (owners[a] as number) - (owners[b] as number),
    );
    this.hashes = Int32Array.from(order, (i) => hashes[i] as number);
    this.owners = Uint32Array.from(order, (i) => owners[i] as number);
    this.dropped = Int32Array.from(order, (i) => dropped[i] as number);
    this.pending = [];
  }

  /** The first entry whose hash is at least `h`. */
  private first(h: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.hashes[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** `word` without its letter at `i`, or the word itself for WHOLE. */
const deletion = (word: string, i: number): string =>
  i === WHOLE ? word : word.slice(0, i) + word.slice(i + 1);

/** FNV-1a over `word`'s UTF-16 code units but the one at `skip`, as a signed 32-bit number. */
function hashWithout(word: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) if (i !== skip) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Whether `a` without its letter at `i` is `b` without its letter at `j`, making neither. */
function sameDeletion(a: string, i: number, b: string, j: number): boolean {
  const length = a.length - (i === WHOLE ? 0 : 1);
  if (length !== b.length - (j === WHOLE ? 0 : 1)) return false;
  for (let k = 0; k < length; k++)
    if (a.charCodeAt(i === WHOLE || k < i ? k : k + 1) !== b.charCodeAt(j === WHOLE || k < j ? k : k + 1))
      return false;
  return true;
}
