import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords, tokenize, tokensIn } from "../../src/article/tokens.js";

describe("tokenize", () => {
  it("finds words joined by apostrophes, inner full stops and digit commas", () => {
    expect(tokenize("Don't cut 1,373 U.S. grants, ok").map((t) => [t.word, t.start, t.end])).toEqual([
      ["don't", 0, 5],
      ["cut", 6, 9],
      ["1,373", 10, 15],
      ["u.s", 16, 19],
      ["grants", 21, 27],
      ["ok", 29, 31],
    ]);
  });

  it("joins initialisms of three letters or more written with full stops, and keeps U.S apart from us", () => {
    expect(tokenize("U.S.C. 1373, D.O.J., U.S. and É.T.A.").map((t) => t.word)).toEqual([
      "usc",
      "1373",
      "doj",
      "u.s",
      "and",
      "eta",
    ]);
  });

  it("reads ASCII text exactly as the general Unicode rule does", () => {
    // Appending a non-ASCII word sends the same text down the general path; its tokens must match.
    const ascii = fc.string({
      unit: fc.constantFrom(..."ab Z9_',.-".split("")),
      maxLength: 40,
    });
    fc.assert(
      fc.property(ascii, (text) => {
        const general = tokenize(`${text} é`);
        expect(general.at(-1)?.word).toBe("e");
        expect(tokenize(text)).toEqual(general.slice(0, -1));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("counting and slicing tokens without tokenizing again", () => {
  const text = fc.string({ unit: fc.constantFrom(..."ab Zé9_'’.,-\u0301\n“”".split("")), maxLength: 60 });

  it("counts the words tokenize finds", () => {
    expect(countWords("a \u0301\u0301 b \u0301'\u0301 c")).toBe(3);
    expect(countWords("one two three four", 2)).toBe(2);
    fc.assert(
      fc.property(text, (t) => {
        expect(countWords(t)).toBe(tokenize(t).length);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives a span's tokens as tokenizing the span would, even where a word crosses its ends", () => {
    const article = "Spent in 2023.Credit goes to the team. It “was” fine.";
    const all = tokenize(article);
    const first = { start: 0, end: article.indexOf("Credit") };
    expect(tokensIn(article, all, first).map((t) => t.word)).toEqual(["spent", "in", "2023"]);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const [start, end] = [a % (t.length + 1), b % (t.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        expect(tokensIn(t, tokenize(t), { start, end })).toEqual(tokenize(t.slice(start, end), start));
      }),
      { numRuns: 1000 },
    );
  });
});
