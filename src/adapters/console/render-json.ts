/**
 * The neutral outcome as one JSON line, with every article span ({start, end}) given its exact
 * text, so a script can check each quote against the article's stored text (article.txt for the
 * shipped one). The /quote index lists every attributed quote whole: each item's `speaker` and
 * `passage` ({start, end, text}) are the extraction itself, checkable by machine.
 */
import type { ArticleText } from "../../article/kinds.js";
import type { Outcome } from "../../core/reply.js";

export function renderJson(outcome: Outcome, article: ArticleText): string {
  return JSON.stringify(withText(outcome, article.text));
}

function withText(value: unknown, text: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withText(v, text));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withText(v, text)] as const);
  const out = Object.fromEntries(entries);
  if (typeof out.start === "number" && typeof out.end === "number") out.text = text.slice(out.start, out.end);
  return out;
}
