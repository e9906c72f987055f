import { describe, expect, it } from "vitest";
import { splitParagraphs, splitSentences } from "../../src/article/paragraphs.js";
import { findQuotes } from "../../src/article/quotes.js";
import { article } from "../support/article.js";

const quoteText = (i: number) => {
  const q = article.quotes[i];
  if (!q) throw new Error(`no quote ${i}`);
  return article.text.slice(q.start, q.end);
};

describe("Sessions' quotes", () => {
  it("are exactly the three quoted passages, in article order", () => {
    expect(article.quotes).toHaveLength(3);
    expect(quoteText(0).startsWith("“The Department of Justice has a duty")).toBe(true);
    expect(quoteText(1).startsWith("“For example, the Department of Homeland Security")).toBe(true);
    expect(quoteText(2).startsWith("“Today, I am urging")).toBe(true);
    expect(article.quotes.map((q) => q.paragraph)).toEqual([4, 6, 8]);
    expect(article.quotes.every((q) => q.speaker === "Jeff Sessions")).toBe(true);
  });

  it("never include the author's scare quotes", () => {
    const criminal = article.text.indexOf("“criminal”");
    const crimes = article.text.indexOf("“crimes”");
    expect(criminal).toBeGreaterThan(0);
    expect(crimes).toBeGreaterThan(0);
    for (const q of article.quotes) {
      expect(criminal >= q.start && criminal < q.end).toBe(false);
      expect(crimes >= q.start && crimes < q.end).toBe(false);
    }
  });

  it("keep the article's characters: curly quotes, ellipses and its own wording", () => {
    expect(quoteText(0)).toContain("nation’s laws");
    expect(quoteText(0)).toContain("certain crimes… Unfortunately");
    expect(quoteText(2)).toContain("disbarment or in eligibility for future grants");
    expect(quoteText(2).endsWith("willfully violates 1373.”")).toBe(true);
  });

  it("carry the sentence that introduces them and its paragraph", () => {
    const provenance = article.quotes.map((q) => [
      article.text.slice(q.provenance.start, q.provenance.end),
      q.provenance.paragraph,
    ]);
    expect(provenance).toEqual([
      ["But his statement at the White House press conference reveals what he’s planning.", 3],
      ["As reported by Fox News, Sessions elaborated as follows.", 5],
      [
        "As the above makes clear, Sessions closed his remarks by describing just what punitive measures would be taken against sanctuary cities refusing to cooperate with ICE and the federal government.",
        9,
      ],
    ]);
  });

  it("are found by a general rule, not by these three strings", () => {
    const text = [
      "Mayor Ann Lee spoke on Tuesday. The “so-called” plan was discussed. Lee said as follows.",
      "“We will build three new schools this year, and every child will have a seat.”",
      "Critics were unconvinced.",
      "“Nobody here said that, and nobody is quoted by name in this line.”",
      "In a later interview Lee added that “the budget is already approved by the council.”",
    ].join("\n\n");
    const paragraphs = splitParagraphs(text);
    const quotes = findQuotes(text, paragraphs, splitSentences(text, paragraphs), {
      name: "Ann Lee",
      aliases: ["Mayor Ann Lee", "Lee"],
    });
    expect(quotes.map((q) => text.slice(q.start, q.end))).toEqual([
      "“We will build three new schools this year, and every child will have a seat.”",
      "“the budget is already approved by the council.”",
    ]);
    expect(quotes.map((q) => q.paragraph)).toEqual([2, 5]);
  });
});
