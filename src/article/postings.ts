/**
 * A ranking's view of the search's postings (search.ts): stem → [quote, count, position…] groups
 * in quote order. A query's targets are looked up once, and each is walked with a cursor as the
 * ranking goes through the passages in order.
 */
import type { Kind, Term } from "./terms.js";

/** A query term's target with its stems' postings and a cursor into each, for one ranking. */
export interface Resolved {
  stems: readonly string[];
  kind: Kind;
  lists: Int32Array[];
  at: Int32Array;
}

/**
 * Where quote `quote`'s group starts in the target's i-th postings ([quote, count, position…]
 * groups in quote order), or -1. The cursor only moves on, as a ranking asks quotes in order.
 */
export function groupOf(target: Resolved, i: number, quote: number): number {
  const packed = target.lists[i] as Int32Array;
  let at = target.at[i] as number;
  while (at < packed.length && (packed[at] as number) < quote) at += 2 + (packed[at + 1] as number);
  target.at[i] = at;
  return at < packed.length && packed[at] === quote ? at : -1;
}

/**
 * The term's targets that some passage can hold: those whose every stem is in the postings (a
 * framed target's in `frames`, frames.ts, whose groups hold no positions).
 */
export function resolve(
  postings: ReadonlyMap<string, Int32Array>,
  frames: { get(stem: string): Int32Array | undefined },
  term: Term,
): Resolved[] {
  const out: Resolved[] = [];
  for (const { stems, kind } of term.targets) {
    const lists: Int32Array[] = [];
    for (const stem of stems) {
      const packed = (kind === "framed" ? frames : postings).get(stem);
      if (!packed) break;
      lists.push(packed);
    }
    if (lists.length === stems.length) out.push({ stems, kind, lists, at: new Int32Array(lists.length) });
  }
  return out;
}
