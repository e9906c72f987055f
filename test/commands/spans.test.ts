import { describe, expect, it } from "vitest";
import type { Outcome } from "../../src/core/reply.js";
import { article, run, spansIn } from "../support/article.js";

const outcomes: [string, Outcome][] = [
  ["summary", run("summary")],
  ["summary full", run("summary", { length: "full" })],
  ["penalties", run("penalties")],
  ["quote", run("quote")],
  ["article post", run("article", {}, { subcommand: "post" })],
  ...[
    "grants",
    "grnts",
    "1373",
    "claw back",
    "sanctuary cities",
    "crime",
    "ICE",
    "pizza",
    "laws",
    "funding",
  ].map((t) => [`quote ${t}`, run("quote", { topic: t })] as [string, Outcome]),
];

describe("every quote in every reply is a span of article.txt", () => {
  it.each(outcomes)("%s", (_name, outcome) => {
    for (const span of spansIn(outcome)) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(article.text.length);
      expect(span.start).toBeLessThan(span.end);
    }
    // Quote blocks carry exactly one of Sessions' passages, and emphasis stays inside it.
    const blocks = outcome.kind === "message" ? outcome.blocks : [];
    for (const b of blocks) {
      if (b.type !== "quote") continue;
      const q = article.quotes.find((x) => x.number === b.number);
      expect(article.text.slice(b.quote.start, b.quote.end)).toBe(article.text.slice(q?.start, q?.end));
      for (const e of b.emphasis ?? []) expect(e.start >= b.quote.start && e.end <= b.quote.end).toBe(true);
    }
  });
});
