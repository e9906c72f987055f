import { describe, expect, it } from "vitest";
import { Frames } from "../../src/article/frames.js";
import { tokenize } from "../../src/article/tokens.js";
import { article } from "../support/article.js";

const numbers = (topic: string) => article.search.search(topic).map((h) => h.quote.number);

describe("the author's words around a quote", () => {
  it("find the passage they frame when no passage holds the word, and the reply says so", () => {
    // "Sessions Threatens Sanctuary Cities" heads the grant penalties (passage 3).
    const [hit, ...rest] = article.search.search("what did sessions threaten cities with");
    expect(hit?.quote.number).toBe(3);
    expect(hit?.via).toEqual([{ typed: "threaten" }]);
    expect(hit?.matched).toEqual([]);
    expect(rest).toEqual([]);
  });

  it("rank below his own words, and reach no further than the paragraphs next to a quote", () => {
    // "punish" is an alias of the penalties (3); the paragraph before passage 1 says it too.
    expect(numbers("punish")).toEqual([3, 1]);
    // "Cox Media" is in the first paragraph, two away from any quote.
    expect(article.text).toContain("Cox Media");
    expect(numbers("cox media")).toEqual([]);
  });

  it("hold the words of the paragraph before, its own and the one after, never another quote's", () => {
    const text =
      "Far words here.\n\nHeading words.\n\nIntro “quoted alpha words” outro.\n\nAfter “beta words” end.";
    const paragraphs = [...text.matchAll(/[^\n]+/gu)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const quotes = [span("quoted alpha words"), span("beta words")];
    const tokens = tokenize(text);
    const quoteStems = new Set(["quot", "alpha", "word", "beta"]);
    const frames = new Frames(text, tokens, paragraphs, quotes, quoteStems, new Set(["intro"]));
    const of = (word: string) => [...(frames.get(tokenize(word)[0]?.stem ?? "") ?? [])];
    // [quote index, 0] groups: no positions, since the word is not in the passage.
    expect(of("heading")).toEqual([0, 0]);
    expect(of("outro")).toEqual([0, 0, 1, 0]);
    expect(of("after")).toEqual([0, 0, 1, 0]);
    expect(of("end")).toEqual([0, 0, 1, 0]);
    expect(of("far")).toEqual([]);
    expect(of("intro")).toEqual([]);
    expect(of("words")).toEqual([]);
  });
});
