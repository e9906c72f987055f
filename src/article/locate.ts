import { type Span, slice } from "./span.js";

/** Where exact text named by data/article.json sits in the article, or why it cannot be used. */
export type Located = { ok: true; span: Span } | { ok: false; problem: string };

/**
 * Finds `needle` exactly once inside one of `scopes` (the whole text when none are given).
 * Text that is missing or ambiguous is refused, so data can never point at the wrong words.
 */
export function locate(text: string, needle: string, scopes?: readonly Span[]): Located {
  const areas = scopes ?? [{ start: 0, end: text.length }];
  const hits: Span[] = [];
  for (const area of areas) {
    const region = slice(text, area);
    let from = region.indexOf(needle);
    while (from !== -1) {
      hits.push({
        start: area.start + from,
        end: area.start + from + needle.length,
      });
      from = region.indexOf(needle, from + 1);
    }
  }
  if (needle.length === 0) return { ok: false, problem: "is empty" };
  if (hits.length === 0) return { ok: false, problem: `is not in the article: “${needle}”` };
  if (hits.length > 1)
    return {
      ok: false,
      problem: `appears ${hits.length} times; add words to make it unique: “${needle}”`,
    };
  return { ok: true, span: hits[0] as Span };
}
