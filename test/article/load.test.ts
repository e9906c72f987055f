import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ArticleDataError, buildArticle } from "../../src/article/load.js";

const text = readFileSync("data/article.txt", "utf8");
const data = () => JSON.parse(readFileSync("data/article.json", "utf8"));

const problems = (json: unknown): string[] => {
  try {
    buildArticle(text, json);
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleDataError);
    return (error as ArticleDataError).problems;
  }
  throw new Error("expected the data to be refused");
};

describe("data/article.json at start-up", () => {
  it("loads as committed", () => {
    expect(() => buildArticle(text, data())).not.toThrow();
  });

  it("refuses a penalty whose words are not in the article, showing the missing text", () => {
    const d = data();
    d.penalties.items[2].text = "disbarment or ineligibility for future grants";
    expect(problems(d)).toEqual([
      "penalties.items[2].text is not in the article: “disbarment or ineligibility for future grants”",
    ]);
  });

  it("refuses a penalty taken from the author's prose rather than Sessions' quotes", () => {
    const d = data();
    d.penalties.items[0].text = "retaliatory fines";
    expect(problems(d)[0]).toMatch(/^penalties\.items\[0\]\.text is not in the article/u);
  });

  it("refuses ambiguous text", () => {
    const d = data();
    d.venue = "the White House";
    expect(problems(d)).toEqual(["venue appears 2 times; add words to make it unique: “the White House”"]);
  });

  it("names the field that fails the schema", () => {
    const d = data();
    d.summary.short[0].cites = [];
    delete d.speaker.role;
    d.extra = true;
    const found = problems(d);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^summary\.short\[0\]\.cites: /u),
        expect.stringMatching(/^speaker\.role: /u),
        expect.stringMatching(/extra/u),
      ]),
    );
  });

  it("refuses citations of paragraphs that do not exist, and topics that match nothing", () => {
    const d = data();
    d.summary.argued[0].cites = [12];
    d.topics[0].match = ["bananas"];
    expect(problems(d)).toEqual([
      "summary.argued[0].cites: ¶12 does not exist (the article has 9)",
      "topics[0].match[0] matches none of the quotes by Jeff Sessions: “bananas”",
    ]);
  });
});
