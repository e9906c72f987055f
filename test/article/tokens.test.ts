import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/article/tokens.js";

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
