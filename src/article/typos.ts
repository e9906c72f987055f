/**
 * Words within one typo of a typed word, found by lookup instead of a scan: every known word is
 * stored under itself and each of its one-letter deletions, so a query word needs only its own
 * deletions looked up, and `oneEdit` confirms the few candidates. Keeps the miss path cheap.
 */
import { oneEdit } from "./similarity.js";

export class TypoIndex<V> {
  private readonly byDeletion = new Map<string, { word: string; value: V }[]>();

  add(word: string, value: V): void {
    for (const key of variants(word)) {
      const list = this.byDeletion.get(key) ?? [];
      if (!list.some((e) => e.word === word)) list.push({ word, value });
      this.byDeletion.set(key, list);
    }
  }

  /** Values of known words at most one insertion, deletion, substitution or swap from `word`. */
  find(word: string): V[] {
    const found: V[] = [];
    const seen: string[] = [];
    for (let i = -1; i < word.length; i++) {
      const list = this.byDeletion.get(i < 0 ? word : word.slice(0, i) + word.slice(i + 1));
      if (!list) continue;
      for (const e of list) {
        if (seen.includes(e.word)) continue;
        seen.push(e.word);
        if (oneEdit(word, e.word)) found.push(e.value);
      }
    }
    return found;
  }
}

/** The word and its one-letter deletions. */
function variants(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}
