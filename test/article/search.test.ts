import { describe, expect, it } from "vitest";
import { irregularForms } from "../../src/article/irregular.js";
import { article } from "../support/article.js";

const numbers = (topic: string) => article.search.search(topic).map((h) => h.quote.number);
const matchedText = (topic: string) =>
  article.search.search(topic).flatMap((h) => h.matched.map((s) => article.text.slice(s.start, s.end)));

describe("topic search over Sessions' quotes", () => {
  it.each([
    ["grants", [3]],
    ["grant", [3]],
    ["Grants", [3]],
    ["granted", [3]],
    ["grnts", [3]],
    ["garnts", [3]],
    ["1373", [3]],
    ["claw back", [3]],
    ["Claw-back", [3]],
    ["detainer", [1, 2]],
    ["murder", [2]],
    ["Homeland Security", [2]],
    ["immigration laws", [1]],
  ])("“%s” finds passages %j", (topic, expected) => {
    expect(numbers(topic).sort()).toEqual(expected);
  });

  it("uses topic aliases for words Sessions did not use", () => {
    expect(article.text.slice(article.quotes[2]?.start, article.quotes[2]?.end)).not.toMatch(/sanctuary/iu);
    expect(numbers("sanctuary cities")).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(numbers("funding")).toEqual([3]);
    expect(numbers("deportation").length).toBeGreaterThan(0);
    expect(numbers("penalties")).toEqual([3]);
  });

  it("reads a curated alias inside a longer topic as its topic, for the words he did not say", () => {
    // "punishment" is an alias of the penalties (passage 3), "sanctuary cities" of passages 1 to 3.
    expect(numbers("punishment for sanctuary cities")[0]).toBe(3);
    expect(numbers("how will cities be punished")[0]).toBe(3);
    // The alias with one word of his still finds the penalties; a word that is no alias, nothing.
    expect(numbers("punishment for cities")[0]).toBe(3);
    expect(numbers("retribution for cities")).toEqual([]);
    // A run of his own words ("ICE detainer", an alias of the detainers) still finds where he says them.
    expect(numbers("ICE detainer requests ignored")[0]).toBe(2);
    // An alias does not carry a word unrelated to anything he said.
    expect(numbers("money laundering")).toEqual([]);
    expect(numbers("weather report")).toEqual([]);
  });

  it("finds his word behind a negated one, and says so", () => {
    const [hit] = article.search.search("ineligible for grants");
    expect(hit?.quote.number).toBe(3);
    expect(hit?.via).toEqual([{ typed: "ineligible", found: "eligibility" }]);
    // The rest must be long enough to be a word of its own: "inlaws" are not "laws" negated.
    expect(numbers("inlaws")).toEqual([]);
  });

  it("reads irregular plurals as his own word forms, both ways", () => {
    // He says "a child"; the stemmer leaves "children" as it is.
    const [hit] = article.search.search("children");
    expect(hit?.quote.number).toBe(2);
    expect(hit?.via).toEqual([]);
    expect(numbers("children")).toEqual(numbers("child"));
    expect(irregularForms("children")).toEqual(["child"]);
    expect(irregularForms("criterion")).toEqual(["criteria"]);
    expect(irregularForms("grants")).toEqual([]);
  });

  it("reads initialisms written with full stops as the article writes them", () => {
    expect(numbers("u.s.c. 1373")).toEqual(numbers("USC 1373"));
    expect(numbers("D.O.J. grants")[0]).toBe(3);
  });

  it("ignores the speaker's name and filler words in a question", () => {
    expect(numbers("what did Sessions say about grants")).toEqual([3]);
  });

  it("marks only the sentences that match", () => {
    expect(matchedText("claw back")).toEqual([
      "The Department of Justice will also take all lawful steps to claw back any funds awarded to a jurisdiction that willfully violates 1373.”",
    ]);
    expect(matchedText("murder")).toEqual([
      "The charges or convictions against these aliens include drug trafficking, hit and run, rape, sex offenses against a child and even murder.”",
    ]);
  });

  it("ranks the best passage first", () => {
    // Passage 1 speaks of laws four times, passage 3 once.
    const hits = article.search.search("laws");
    expect(hits.map((h) => h.quote.number)).toEqual([1, 3]);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
  });

  it("finds nothing for words that are not there, and suggests real topics", () => {
    expect(numbers("pizza")).toEqual([]);
    expect(numbers("1374")).toEqual([]);
    expect(numbers("federal pizza")).toEqual([]);
    const suggestions = article.search.closest("grnat money");
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) expect(numbers(s).length).toBeGreaterThan(0);
  });

  it("suggests at most 25 topics as a member types, each of which matches", () => {
    for (const typed of ["", "g", "gr", "de", "cl", "sanct", "1373", "xyz"]) {
      const suggestions = article.search.suggest(typed);
      expect(suggestions.length).toBeLessThanOrEqual(25);
      for (const s of suggestions) expect(numbers(s).length).toBeGreaterThan(0);
    }
    expect(article.search.suggest("gr")).toContain("grants");
    expect(article.search.suggest("cla")).toContain("claw back");
    expect(article.search.suggest("xyz")).toEqual([]);
  });

  it("lists the topics each passage covers", () => {
    expect(article.search.topicsByQuote.get(3)).toEqual(
      expect.arrayContaining(["grants", "claw back", "8 USC 1373"]),
    );
    expect(article.search.topicsByQuote.get(2)).toContain("Homeland Security report");
  });
});
