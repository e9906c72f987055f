/**
 * An added article's related words (WordNet's, about a fifth of its ingest) are derived on the
 * first query that can use them, once: never for a query of the passage's own words, one word or
 * several. Autocomplete's suggestions are made from every word of the article, so they need them.
 */
import { describe, expect, it } from "vitest";
import { splitParagraphs, splitSentences } from "../../src/article/paragraphs.js";
import { findQuotes } from "../../src/article/quotes.js";
import type { RelatedMap } from "../../src/article/related.js";
import { commonness } from "../../src/article/related-cache.js";
import { QuoteSearch } from "../../src/article/search.js";

const text = [
  "Mayor Ann Lee spoke on Tuesday about the city budget.",
  "“The council approved the budget for three new schools, and every child will have a seat,” Lee said.",
].join("\n\n");
const paragraphs = splitParagraphs(text);
const quotes = findQuotes(text, paragraphs, splitSentences(text, paragraphs), {
  name: "Ann Lee",
  aliases: ["Lee"],
});

describe("the related words of an added article", () => {
  it("are derived once, on the first query that needs them, and never for the passage's own words", () => {
    let derived = 0;
    const related = (): RelatedMap => {
      derived++;
      return { pupil: [["child", "synonym"]] };
    };
    const search = new QuoteSearch(text, quotes, [], ["Ann Lee"], related, commonness(), paragraphs);
    expect(search.search("budget").length).toBe(1);
    expect(search.search("council approved budget").length).toBe(1);
    expect(search.search("every child").length).toBe(1);
    expect(derived).toBe(0);
    expect(search.search("pupil").length).toBe(1);
    expect(search.search("federal pizza")).toEqual([]);
    expect(search.suggest("sch").length).toBeGreaterThan(0);
    expect(derived).toBe(1);
  });
});
