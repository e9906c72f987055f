import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { article } from "../support/article.js";

describe("data/article.txt", () => {
  it("is byte-identical to the article as received", () => {
    const hash = createHash("sha256").update(readFileSync("data/article.txt")).digest("hex");
    expect(hash).toBe("af08f8fdaf3b5e7ab971a0347e9375d2f26a5a24e2e56b67e5d65dc49c5ee31b");
  });

  it("has nine body paragraphs and two headings, in order", () => {
    const heads = article.paragraphs.filter((p) => p.heading).map((p) => article.text.slice(p.start, p.end));
    expect(heads).toEqual(["Issue of Sanctuary Cities", "Sessions Threatens Sanctuary Cities"]);
    expect(article.paragraphs.filter((p) => !p.heading).map((p) => p.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(article.text.slice(article.paragraphs[0]?.start, article.paragraphs[0]?.end)).toMatch(
      /^As reported by Cox Media.*illegal aliens\.$/u,
    );
  });

  it("rebuilds exactly from its paragraphs", () => {
    const joined = article.paragraphs.map((p) => article.text.slice(p.start, p.end)).join("\n\n");
    expect(`${joined}\n\n`).toBe(article.text);
  });

  it("splits sentences inside paragraphs, including after an ellipsis", () => {
    const texts = article.sentences.map((s) => article.text.slice(s.start, s.end));
    expect(texts).toContain(
      "Failure to remedy violations could result in withholding grants, termination of grants and disbarment or in eligibility for future grants.",
    );
    expect(texts).toContain("As reported by Fox News, Sessions elaborated as follows.");
    for (const t of texts) expect(t).toBe(t.trim());
  });

  it("locates the venue and the credited outlets in the text", () => {
    expect(article.text.slice(article.venue.start, article.venue.end)).toBe(
      "just before Sean Spicer’s regular press conference at the White House",
    );
    expect(article.outlets.map((o) => article.text.slice(o.credit.start, o.credit.end))).toEqual([
      "As reported by Cox Media",
      "As reported by Fox News",
    ]);
  });
});
