import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveAbbreviations } from "../../src/article/abbreviations.js";
import { deriveRelated } from "../../src/article/related.js";
import {
  COMMONNESS_FILE,
  cacheKey,
  commonness,
  deriveCommonness,
  passageWords,
  RELATED_FILE,
  relatedFor,
} from "../../src/article/related-cache.js";
import type { Reply } from "../../src/core/reply.js";
import { DATA_DIR } from "../../src/runtime/paths.js";
import { article, run } from "../support/article.js";

const passages = () => article.quotes.map((q) => article.text.slice(q.start, q.end));

describe("related words from WordNet", () => {
  it("ships a cache that is what the derivation gives today (else run `npm run related`)", () => {
    const cached = JSON.parse(readFileSync(join(DATA_DIR, RELATED_FILE), "utf8"));
    const words = passageWords(passages());
    expect(cached.key).toBe(cacheKey(words));
    expect(cached.related).toEqual(deriveRelated(words));
    expect(Object.fromEntries(commonness())).toEqual(deriveCommonness());
    expect(readFileSync(join(DATA_DIR, COMMONNESS_FILE), "utf8").split("\n")).toHaveLength(
      Object.keys(deriveCommonness()).length + 1,
    );
  });

  it("derives at load for text it has no cache for, toward that text's words only", () => {
    const related = relatedFor(["The mayor condemned the slaying of a child."], "/nonexistent");
    // Now "murder" is the member's word and "slaying" the text's.
    expect(related.murder).toContainEqual(["slai", "synonym"]);
    expect(related.kid).toContainEqual(["child", "synonym"]);
    expect(related.grant).toBeUndefined();
    for (const targets of Object.values(related))
      for (const [stem] of targets)
        expect(["mayor", "condemn", "slai", "child", "the", "of", "a"]).toContain(stem);
  });

  it("maps synonyms, derivations and more general words, never a word to itself", () => {
    const related = relatedFor(passages());
    expect(related.slai).toContainEqual(["murder", "synonym"]);
    expect(related.homicid).toContainEqual(["murder", "related"]);
    expect(related.compliant).toContainEqual(["compli", "related"]);
    for (const [key, targets] of Object.entries(related))
      for (const [stem] of targets) expect(stem).not.toBe(key);
  });
});

describe("abbreviations derived from the article's names", () => {
  const abbreviations = deriveAbbreviations(article.text, new Set(["us", "is"]));

  it("gives initialisms with and without small words, and clipped forms", () => {
    expect(abbreviations.get("doj")).toEqual(["depart", "justic"]);
    expect(abbreviations.get("dhs")).toEqual(["depart", "homeland", "secur"]);
    expect(abbreviations.get("dept")).toEqual(["depart"]);
    expect(abbreviations.get("us")).toBeUndefined();
  });

  it("works for any text, and drops letters that stand for two names", () => {
    const other = deriveAbbreviations(
      "The Federal Bureau of Investigation met. Then Fox Bank, then First Bureau.",
      new Set(),
    );
    expect(other.get("fbi")).toEqual(["feder", "bureau", "investig"]);
    expect(other.get("fb")).toBeUndefined();
  });
});

describe("/quote says when it matched through a related word", () => {
  it("adds one short line before the passage", () => {
    const reply = run("quote", { topic: "slaying" }) as Reply;
    const [note, block] = reply.blocks;
    expect(note).toEqual({ type: "text", text: "No passage says “slaying”; this one mentions murder." });
    expect(block?.type).toBe("quote");
  });

  it("adds nothing when he said the word", () => {
    const reply = run("quote", { topic: "murder" }) as Reply;
    expect(reply.blocks.every((b) => b.type === "quote")).toBe(true);
  });
});
