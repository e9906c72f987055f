import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneEdit } from "../../src/article/similarity.js";
import { tokenize } from "../../src/article/tokens.js";
import { TypoIndex } from "../../src/article/typos.js";
import { article } from "../support/article.js";

/** The article's words, each once, in order: what the search's index holds. */
const words = [...new Set(tokenize(article.text).map((t) => t.word))];

function indexOf(known: readonly string[]): TypoIndex<string> {
  const index = new TypoIndex<string>();
  for (const w of known) index.add(w, w);
  return index;
}

/** Every known word within one edit, the slow way. */
const scan = (known: readonly string[], typed: string) => known.filter((w) => oneEdit(typed, w));

describe("the typo index", () => {
  const index = indexOf(words);

  it("finds exactly the words a full scan finds, for typos of the article's own words", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.nat(),
        fc.constantFrom("drop", "swap", "change", "insert"),
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz-'"),
        (word, at, edit, letter) => {
          const i = at % word.length;
          const typed =
            edit === "drop"
              ? word.slice(0, i) + word.slice(i + 1)
              : edit === "swap"
                ? word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2)
                : edit === "change"
                  ? word.slice(0, i) + letter + word.slice(i + 1)
                  : word.slice(0, i) + letter + word.slice(i);
          expect(new Set(index.find(typed))).toEqual(new Set(scan(words, typed)));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("finds nothing for words far from every known one, and each found word once", () => {
    expect(index.find("bitcoin")).toEqual([]);
    expect(index.find("")).toEqual(scan(words, ""));
    // "grants" is known; its deletions reach it by several routes, yet it comes back once.
    expect(index.find("grants").filter((w) => w === "grants")).toHaveLength(1);
  });

  it("tells apart words added after a lookup, and words whose deletions coincide", () => {
    const small = indexOf(["book", "boot"]);
    expect(small.find("bok").sort()).toEqual(["book"]);
    small.add("bookk", "bookk");
    // "bookk" loses either k to make "book": one entry, found once.
    expect(small.find("book").sort()).toEqual(["book", "bookk", "boot"]);
    expect(small.find("booo")).toEqual(expect.arrayContaining(["book", "boot"]));
  });
});
