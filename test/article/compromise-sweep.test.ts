import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compromiseSweep } from "../../src/article/extract/compromise-sweep.js";
import { nlp } from "../../src/article/extract/nlp.js";
import { extractPage } from "../../src/article/extract/page.js";
import "../../src/article/extract/people.js";
import { article } from "../support/article.js";

/**
 * people.ts replaces compromise's sweep with one that finds each clause's rules another way; the
 * tags must be the same, word for word, or names would be.
 */
const page = (name: string) =>
  extractPage(readFileSync(join(import.meta.dirname, "pages", name, "source.html"), "utf8")).text;

const tagsOf = (text: string) =>
  (nlp(text).json({ terms: { tags: true } }) as { terms: { text: string; tags: string[] }[] }[]).map((s) =>
    s.terms.map((t) => `${t.text}:${t.tags.join(",")}`),
  );

describe("the faster sweep compromise runs for names", () => {
  it("is installed, and tags real pages exactly as compromise's own sweep does", () => {
    const methods = (nlp.world() as unknown as { methods: { one: { bulkMatch: unknown } } }).methods.one;
    const faster = methods.bulkMatch;
    expect(faster).not.toBe(compromiseSweep);
    for (const text of [page("guardian-1"), page("herald-sun-1"), article.text]) {
      const ours = tagsOf(text);
      let theirs: string[][];
      try {
        methods.bulkMatch = compromiseSweep;
        theirs = tagsOf(text);
      } finally {
        methods.bulkMatch = faster;
      }
      expect(ours.flat().length).toBeGreaterThan(500);
      expect(ours).toEqual(theirs);
    }
  });
});
