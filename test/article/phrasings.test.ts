import { describe, expect, it } from "vitest";
import { article } from "../support/article.js";
import { PHRASINGS } from "./phrasings.js";

const first = (topic: string) => article.search.search(topic)[0]?.quote.number ?? "miss";

describe("/quote understands how members ask (test/article/phrasings.ts)", () => {
  it(`ranks the expected passage first for at least 90% of ${PHRASINGS.length} phrasings`, () => {
    const wrong = PHRASINGS.filter(([topic, expected]) => first(topic) !== expected);
    const rate = 1 - wrong.length / PHRASINGS.length;
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    expect({ rate: rate >= 0.9, wrong }).toEqual({ rate: true, wrong: expect.any(Array) });
  });

  it.each(PHRASINGS.filter(([, e]) => e === "miss").map(([t]) => t))("“%s” stays a miss", (topic) => {
    expect(article.search.search(topic)).toEqual([]);
  });

  it("ranks a word he said above a passage found only through a related word", () => {
    // Passage 2 says "crime"; "felons" (passage 1) is only related to "criminal".
    const hits = article.search.search("serious crime");
    expect(hits[0]?.quote.number).toBe(2);
    expect(hits[0]?.via).toEqual([]);
  });

  it("says which word it found when the passage has only a related one", () => {
    const [hit] = article.search.search("slaying");
    expect(hit?.quote.number).toBe(2);
    expect(hit?.via).toEqual([{ typed: "slaying", found: "murder" }]);
  });

  it("gives question frames and the speaker's name and title no weight", () => {
    for (const q of ["what did he say about", "why", "how many", "what did the AG say", "Jeff Sessions"])
      expect(article.search.search(q)).toEqual([]);
  });

  it("keeps curated aliases first", () => {
    // "deportation" is a curated alias of immigration laws (passage 1).
    expect(first("deportation")).toBe(1);
    expect(article.search.search("ICE").map((h) => h.quote.number)).toEqual([2, 1]);
  });
});
