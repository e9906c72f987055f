import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAddedArticle } from "../../src/article/added/build.js";
import { extractPage } from "../../src/article/extract/page.js";
import type { AnyArticle } from "../../src/article/kinds.js";
import { loadArticle } from "../../src/article/load.js";
import type { Paragraph } from "../../src/article/paragraphs.js";
import { contains, type Span } from "../../src/article/span.js";
import { tokenize } from "../../src/article/tokens.js";

/**
 * #15's "a quote is a span" for every article the bot has: the eight labelled pages, each
 * extracted and built as an added article, and the shipped one. Every quote, its sentences,
 * provenance and cue, every summary sentence, and every span a search hit marks lie inside the
 * stored text at UTF-16 offsets, inside the paragraph that cites them; random topics made of the
 * article's own words (some mistyped) only ever mark sentences of the quotes they return.
 */
const PAGES = join(import.meta.dirname, "pages");
const names = readdirSync(PAGES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

interface Fixture {
  name: string;
  article: AnyArticle;
  /** The blocks the text was made of, for added articles: paragraph k is block k. */
  blocks?: string[];
}

const fixtures: Fixture[] = [
  ...names.map((name) => {
    const page = extractPage(readFileSync(join(PAGES, name, "source.html"), "utf8"));
    const article = buildAddedArticle({
      name,
      title: page.title,
      byline: page.byline,
      site: page.site,
      published: page.published ?? null,
      url: `https://example.org/${name}`,
      text: page.text,
      sha256: createHash("sha256").update(page.text).digest("hex"),
      fetchedAt: "2026-12-02T00:00:00.000Z",
      addedBy: null,
    });
    return { name, article, blocks: page.paragraphs };
  }),
  { name: "sessions (shipped)", article: loadArticle() },
];

const inText = (text: string, s: Span) =>
  Number.isInteger(s.start) && 0 <= s.start && s.start < s.end && s.end <= text.length;
// A UTF-16 offset between the two halves of a surrogate pair would cut a character in two.
const onBoundary = (text: string, at: number) =>
  at === 0 ||
  at === text.length ||
  !/[\ud800-\udbff]/u.test(text[at - 1] ?? "") ||
  !/[\udc00-\udfff]/u.test(text[at] ?? "");
const cited = (paragraphs: readonly Paragraph[], number: number) =>
  paragraphs.find((p) => p.number === number);

function expectSpan(f: Fixture, s: Span, what: string): void {
  const { text } = f.article;
  expect(inText(text, s), `${f.name}: ${what} ${s.start}–${s.end} is not inside the text`).toBe(true);
  expect(onBoundary(text, s.start) && onBoundary(text, s.end), `${f.name}: ${what} cuts a character`).toBe(
    true,
  );
}

describe("every span of every article lies in its stored text", () => {
  it("has the eight labelled pages and the shipped article, each with quotes", () => {
    expect(fixtures).toHaveLength(names.length + 1);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const f of fixtures) expect(f.article.quotes.length, f.name).toBeGreaterThan(0);
  });

  it("paragraphs are the stored blocks in order, and hold their sentences in article order", () => {
    for (const f of fixtures) {
      const { text, paragraphs, sentences } = f.article;
      let previous = 0;
      for (const [k, p] of paragraphs.entries()) {
        expectSpan(f, p, `paragraph ${k}`);
        expect(p.start).toBeGreaterThanOrEqual(previous);
        previous = p.end;
        if (f.blocks) expect(text.slice(p.start, p.end)).toBe(f.blocks[k]);
      }
      if (f.blocks) expect(paragraphs).toHaveLength(f.blocks.length);
      let last = 0;
      for (const s of sentences) {
        expectSpan(f, s, "sentence");
        expect(s.start, `${f.name}: sentences out of order`).toBeGreaterThanOrEqual(last);
        last = s.end;
        const p = cited(paragraphs, s.paragraph);
        expect(p && contains(p, s), `${f.name}: sentence outside its ¶${s.paragraph}`).toBe(true);
      }
    }
  });

  it("each quote is the exact slice its offsets say, in its ¶, with its sentences, provenance and cue", () => {
    for (const f of fixtures) {
      const { text, paragraphs, sentences, quotes } = f.article;
      quotes.forEach((q, i) => {
        expectSpan(f, q, `quote ${q.number}`);
        expect(q.number).toBe(i + 1);
        if (i > 0) expect(q.start).toBeGreaterThanOrEqual((quotes[i - 1] as Span).end);
        // Offsets count UTF-16 code units of the stored text: the slice opens with its mark and
        // is found at exactly that offset of its paragraph.
        const words = text.slice(q.start, q.end);
        expect(words).toMatch(/^[“"]/u);
        const p = cited(paragraphs, q.paragraph) as Paragraph;
        expect(contains(p, q), `${f.name}: quote ${q.number} outside ¶${q.paragraph}`).toBe(true);
        expect(text.slice(p.start, p.end).indexOf(words, q.start - p.start)).toBe(q.start - p.start);
        // A quotation inside a longer sentence ("“…,” she said.") holds no whole sentence.
        for (const s of q.sentences) {
          expectSpan(f, s, `quote ${q.number}'s sentence`);
          expect(contains(q, s)).toBe(true);
          expect(sentences.some((x) => x.start === s.start && x.end === s.end)).toBe(true);
        }
        expectSpan(f, q.provenance, `quote ${q.number}'s provenance`);
        const home = cited(paragraphs, q.provenance.paragraph);
        expect(home && contains(home, q.provenance), `${f.name}: provenance outside its ¶`).toBe(true);
        expectSpan(f, q.cue, `quote ${q.number}'s cue`);
        expect(contains(q.provenance, q.cue)).toBe(true);
        expect(text.slice(q.cue.start, q.cue.end)).toMatch(/^[a-z][a-z ]+$/iu);
      });
    }
  });

  it("summary sentences are the article's own sentences, in article order, each under its ¶", () => {
    for (const f of fixtures) {
      const a = f.article;
      if (a.kind !== "added") continue; // The shipped summary is curated text with cited ¶s.
      for (const list of [a.summary.short, a.summary.full]) {
        expect(list.length).toBeGreaterThan(0);
        list.forEach((s, i) => {
          expectSpan(f, s, "summary sentence");
          if (i > 0) expect(s.start).toBeGreaterThan((list[i - 1] as Span).start);
          expect(
            a.sentences.some((x) => x.start === s.start && x.end === s.end && x.paragraph === s.paragraph),
          ).toBe(true);
          const p = cited(a.paragraphs, s.paragraph);
          expect(p && contains(p, s)).toBe(true);
        });
      }
    }
  });

  it("a search for any of the article's words marks only sentences of the quotes it returns", () => {
    for (const f of fixtures) {
      const a = f.article;
      const words = [...new Set(tokenize(a.text).map((t) => t.word))];
      const quoteWords = [
        ...new Set(a.quotes.flatMap((q) => tokenize(a.text.slice(q.start, q.end)).map((t) => t.word))),
      ];
      const word = fc.oneof(
        fc.constantFrom(...words),
        fc.constantFrom(...quoteWords),
        // One letter changed, so the typo path runs too.
        fc
          .tuple(fc.constantFrom(...quoteWords), fc.nat(), fc.constantFrom(..."aeiost"))
          .map(([w, at, c]) => w.slice(0, at % w.length) + c + w.slice((at % w.length) + 1)),
      );
      let hits = 0;
      fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (topic) => {
          for (const hit of a.search.search(topic.join(" "))) {
            hits++;
            expect(a.quotes).toContain(hit.quote);
            for (const s of hit.matched) {
              expectSpan(f, s, "matched sentence");
              expect(contains(hit.quote, s)).toBe(true);
              expect(hit.quote.sentences).toContain(s);
            }
          }
        }),
        { numRuns: 150 },
      );
      // Words of the quotes themselves must find something, or the property says little.
      expect(hits, f.name).toBeGreaterThan(0);
    }
  });
});
