import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtractError, extractHtml, extractPage, extractPlainText } from "../../src/article/extract/page.js";

const PAGES = join(import.meta.dirname, "pages");
const page = (name: string) => readFileSync(join(PAGES, name, "source.html"), "utf8");
const words = (n: number, word = "word") => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");
const refusal = (run: () => unknown): ExtractError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("extracting an HTML page", () => {
  it("finds the title, byline, site, date and the body's paragraphs, without the page's furniture", () => {
    const result = extractHtml(page("wapo-1"));
    expect(result.title).toBe("Attack stokes instability fears in North Africa");
    expect(result.byline).toBe("By Erin Cunningham");
    expect(result.site).toBe("Washington Post");
    expect(result.paragraphs[0]).toBe(
      "CAIRO — Gunmen opened fire on visitors at Tunisia’s most renowned museum on Wednesday, killing at least 19 people, including 17 foreigners, in an assault that threatened to upset the fragile stability of a country seen as the lone success of the Arab Spring.",
    );
    expect(result.paragraphs).toContain("Heba Habib contributed to this report.");
    expect(result.text).toBe(result.paragraphs.join("\n\n"));
    // Source line breaks inside a paragraph are whitespace, not structure.
    expect(result.paragraphs.every((p) => !p.includes("\n"))).toBe(true);
    expect(result.text).not.toMatch(/<[a-z]|\bfunction\b\(|\u00ad/u);
  });

  it("reports the publication date the page gives, as ISO 8601", () => {
    expect(extractHtml(page("guardian-1")).published).toBe("2019-01-03T07:00:02.000Z");
    expect(extractHtml(page("wapo-1")).published).toBeUndefined();
  });

  it("keeps a <br> as a line break inside its paragraph and drops control characters", () => {
    const html = `<html><head><title>T</title></head><body><article><p>${words(80)}<br>second\u0007 line</p><p>${words(80, "more")}.</p></article></body></html>`;
    const [first] = extractHtml(html).paragraphs;
    expect(first?.endsWith("word79\nsecond line")).toBe(true);
  });

  it("refuses a page with no article text, and one under 150 words, in one sentence each", () => {
    const empty = refusal(() => extractHtml("<html><body><nav>Home</nav></body></html>"));
    expect(empty.reason).toBe("no-body");
    const short = refusal(() =>
      extractHtml(`<html><body><article><p>${words(120)}.</p></article></body></html>`),
    );
    expect(short.reason).toBe("too-short");
    expect(short.message).toBe(
      "The article text found has 120 words, fewer than the 150 needed; check the link points at the full article.",
    );
    for (const e of [empty, short]) expect(e.message.match(/[.;]\s/gu)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("extracting plain text", () => {
  it("splits paragraphs on blank lines, joins wrapped lines, and takes a heading-like first line as the title", () => {
    const raw = `City Council Votes\r\n\r\n${words(90)}\r\nwrapped line.\r\n \r\n${words(90, "next")}.\n`;
    const result = extractPage(raw, "text/plain; charset=utf-8");
    expect(result.title).toBe("City Council Votes");
    expect(result.byline).toBeNull();
    expect(result.paragraphs).toEqual([`${words(90)} wrapped line.`, `${words(90, "next")}.`]);
    expect(result.text).toBe(result.paragraphs.join("\n\n"));
  });

  it("without a heading, keeps the first paragraph as body and titles the article from it", () => {
    const result = extractPlainText(`${words(200)}.`);
    expect(result.paragraphs).toHaveLength(1);
    expect(result.title.length).toBeLessThanOrEqual(100);
    expect(result.paragraphs[0]?.startsWith(result.title.replace(/…$/u, ""))).toBe(true);
  });

  it("refuses text under 150 words", () => {
    expect(refusal(() => extractPlainText(`${words(149)}.`)).reason).toBe("too-short");
    expect(refusal(() => extractPlainText(" \n\n ")).reason).toBe("no-body");
  });
});
