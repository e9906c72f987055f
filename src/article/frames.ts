/**
 * The author's words around each quote: the rest of its paragraph and the paragraphs just before
 * and after it (a heading above it, the sentence that introduces it, the comment that follows),
 * never reaching into another quote. A word a member types that none of the passages holds, but
 * that the article uses around one ("threaten": "Sessions Threatens Sanctuary Cities" heads the
 * grant penalties), still finds that passage, weakly, and the reply says it was the article's word
 * (search.ts).
 */
import { contains, type Span } from "./span.js";
import { type Token, tokensIn } from "./tokens.js";

/**
 * stem → the quotes (by index, in order) whose frame holds it, as [quote, 0] groups: the postings'
 * layout with no positions in the passage, since the word is not in it. Only stems none of the
 * quotes hold, and not `ignore`'s words (filler, the speaker's name). Compact, as every added
 * article keeps one: all groups in one Int32Array, each stem's run after its length.
 */
export class Frames {
  private readonly at = new Map<string, number>();
  private readonly pool: Int32Array;

  constructor(
    text: string,
    tokens: readonly Token[],
    paragraphs: readonly Span[],
    quotes: readonly Span[],
    quoteStems: ReadonlySet<string>,
    ignore: ReadonlySet<string>,
  ) {
    const byStem = new Map<string, number[]>();
    for (const [index, quote] of quotes.entries()) {
      const at = paragraphs.findIndex((p) => quote.start >= p.start && quote.start < p.end);
      if (at < 0) continue;
      const stems = new Set<string>();
      for (const p of [paragraphs[at - 1], paragraphs[at], paragraphs[at + 1]]) {
        if (!p) continue;
        // Only the quotes in this paragraph can hold its words (a paragraph holds a few at most).
        const here = quotes.filter((q) => q.start < p.end && q.end > p.start);
        for (const t of tokensIn(text, tokens, p))
          if (!quoteStems.has(t.stem) && !ignore.has(t.word) && !here.some((q) => contains(q, t)))
            stems.add(t.stem);
      }
      for (const stem of stems) {
        const list = byStem.get(stem);
        if (list) list.push(index, 0);
        else byStem.set(stem, [index, 0]);
      }
    }
    let size = 0;
    for (const groups of byStem.values()) size += 1 + groups.length;
    this.pool = new Int32Array(size);
    let next = 0;
    for (const [stem, groups] of byStem) {
      this.at.set(stem, next);
      this.pool[next] = groups.length;
      this.pool.set(groups, next + 1);
      next += 1 + groups.length;
    }
  }

  has(stem: string): boolean {
    return this.at.has(stem);
  }

  /** The [quote, 0] groups of the quotes whose frame holds `stem`. */
  get(stem: string): Int32Array | undefined {
    const start = this.at.get(stem);
    return start === undefined
      ? undefined
      : this.pool.subarray(start + 1, start + 1 + (this.pool[start] as number));
  }
}
