import { describe, expect, it } from "vitest";
import { clip, pack, quoted, runs } from "../../src/render/pack.js";
import { article } from "../support/article.js";

describe("runs", () => {
  it("cuts a quote into marked and unmarked runs that rejoin to the exact slice", () => {
    const q = article.quotes[2];
    if (!q) throw new Error("no quote");
    const emphasis = [q.sentences[1], q.sentences[3]].filter((s) => s !== undefined);
    const parts = runs(article.text, q, emphasis);
    expect(parts.map((p) => p.text).join("")).toBe(article.text.slice(q.start, q.end));
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(
      emphasis.map((s) => article.text.slice(s.start, s.end)),
    );
  });

  it("ignores emphasis outside the quote and overlapping ranges", () => {
    const text = "0123456789";
    expect(
      runs(text, { start: 2, end: 8 }, [
        { start: 0, end: 3 },
        { start: 2, end: 5 },
        { start: 9, end: 10 },
      ]),
    ).toEqual([
      { text: "2", marked: true },
      { text: "34", marked: true },
      { text: "567", marked: false },
    ]);
  });
});

describe("pack", () => {
  it("packs paragraphs into as few chunks as the limit allows, in order", () => {
    expect(pack(["aaa", "bbb", "ccc"], 8)).toEqual(["aaa\n\nbbb", "ccc"]);
    expect(pack(["aaa", "bbb", "ccc"], 100)).toEqual(["aaa\n\nbbb\n\nccc"]);
  });

  it("splits an over-long paragraph at a sentence end, else at a space, never inside a word", () => {
    expect(pack(["One two. Three four five."], 12)).toEqual(["One two.", "Three four", "five."]);
    for (const chunk of pack([article.text], 300)) {
      expect(chunk.length).toBeLessThanOrEqual(300);
      expect(article.text).toContain(chunk);
    }
  });

  it("keeps every character of the article when packed to Discord's and Slack's limits", () => {
    const paragraphs = article.paragraphs.map((p) => article.text.slice(p.start, p.end));
    for (const limit of [2000, 3000, 4096])
      expect(`${pack(paragraphs, limit).join("\n\n")}\n\n`).toBe(article.text);
  });
});

describe("quoted", () => {
  it("adds quotation marks only when the words do not already open with one", () => {
    expect(quoted("withholding grants")).toBe("“withholding grants”");
    expect(quoted("“Today, I am urging")).toBe("“Today, I am urging");
  });
});

describe("pack's limit", () => {
  it("refuses a limit that could never make progress instead of looping", () => {
    expect(() => pack(["abc"], 0)).toThrow(RangeError);
  });
});

describe("clip", () => {
  it("leaves short text alone and marks a cut at a space in the second half", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("one two three four", 12)).toBe("one two…");
    expect(clip("one two three four", 12, " …")).toBe("one two …");
  });

  it("never cuts inside an emoji or an entity, even with no space to cut at", () => {
    const emoji = "👍".repeat(10);
    const cut = clip(emoji, 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut).toBe("👍👍👍…");
    expect(clip(`${"x".repeat(5)}&amp;${"y".repeat(10)}`, 9)).toBe("xxxxx…");
  });
});

describe("pack without spaces", () => {
  it("keeps emoji and entities whole when it must cut mid-run", () => {
    for (const chunk of pack(["👍".repeat(40)], 9)) expect(chunk).toMatch(/^(👍)+$/u);
    expect(pack(["ab&amp;cd"], 6)).toEqual(["ab", "&amp;c", "d"]);
  });
});
