/**
 * Where a hit's words sit in its passage (search.ts): the sentences of the quote that hold them,
 * and whether they run in order, close together, as a phrase.
 */
import type { Quote } from "./quotes.js";

/** The quote's sentences (in order, apart) that hold a token at one of `positions`, in one pass. */
export function sentencesHolding(
  quote: Quote,
  starts: Int32Array,
  positions: ReadonlySet<number>,
): Quote["sentences"] {
  // Tokens start in position order, so sorting the positions (numerically, as a typed array does)
  // sorts their offsets.
  const sorted = new Int32Array(positions.size);
  let k = 0;
  for (const p of positions) sorted[k++] = p;
  sorted.sort();
  const offset = (i: number) => starts[sorted[i] as number] as number;
  const matched: Quote["sentences"][number][] = [];
  let next = 0;
  for (const sentence of quote.sentences) {
    while (next < sorted.length && offset(next) < sentence.start) next++;
    if (next < sorted.length && offset(next) < sentence.end) matched.push(sentence);
  }
  return matched;
}

/** True when one position per list can be chosen in increasing order with small gaps (a phrase). */
export function inOrder(lists: number[][]): boolean {
  const [first, ...rest] = lists;
  return (first ?? []).some((start) => {
    let at = start;
    for (const list of rest) {
      const next = list.find((p) => p > at && p - at <= 3);
      if (next === undefined) return false;
      at = next;
    }
    return true;
  });
}
