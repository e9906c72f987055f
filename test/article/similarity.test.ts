import { describe, expect, it } from "vitest";
import { bigrams, dice, oneEdit } from "../../src/article/similarity.js";

describe("oneEdit", () => {
  it.each([
    ["grants", "grants", true],
    ["grnts", "grants", true], // deletion
    ["grantss", "grants", true], // insertion
    ["grents", "grants", true], // substitution
    ["garnts", "grants", true], // neighbours swapped
    ["gnarts", "grants", false], // two edits
    ["gran", "grants", false],
    ["", "a", true],
    ["ab", "ba", true],
    ["abc", "cab", false],
  ])("%s ~ %s: %s", (a, b, expected) => {
    expect(oneEdit(a, b)).toBe(expected);
    expect(oneEdit(b, a)).toBe(expected);
  });
});

describe("dice", () => {
  it("is 1 for the same text, high for a near miss, low for unrelated text", () => {
    const g = bigrams("grant money");
    expect(dice(g, bigrams("grant money"))).toBe(1);
    expect(dice(g, bigrams("grnat money"))).toBeGreaterThan(0.6);
    expect(dice(g, bigrams("pizza"))).toBeLessThan(0.2);
  });
});
