/**
 * Small string measures for typo-tolerant search, written here because they sit on the hot path of
 * every /quote: a general edit-distance library allocates a matrix per call; these do not.
 */

/** True when `b` is `a` with at most one insertion, deletion, substitution or adjacent swap. */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One character more on the longer side.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Character bigrams of a phrase (spaces kept), for a quick similarity between short texts. Each
 * bigram is one number (its two UTF-16 code units), so no string is made per bigram.
 */
export function bigrams(text: string): Set<number> {
  const grams = new Set<number>();
  const SPACE = 32;
  let previous = SPACE;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : SPACE;
    grams.add(previous * 65_536 + code);
    previous = code;
  }
  return grams;
}

/** Dice's coefficient of two bigram sets: 1 for the same text, 0 for nothing in common. */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
