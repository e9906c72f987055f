import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { article, run } from "../support/article.js";

const paragraphText = (n: number) => {
  const p = article.paragraphs.find((x) => x.number === n);
  if (!p) throw new Error(`no ¶${n}`);
  return article.text.slice(p.start, p.end);
};

/** Capitalised words that do not open a sentence (names), acronyms, and numbers. */
function namesAndNumbers(text: string): string[] {
  const found: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/u)) {
    const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
    words.forEach((w, i) => {
      if (/^\p{N}+$/u.test(w) || (/^\p{Lu}/u.test(w) && i > 0)) found.push(w);
    });
  }
  return found;
}

const all = [...article.summary.short, ...article.summary.announced, ...article.summary.argued];

describe("/summary", () => {
  it("short is a tl;dr of at most 600 characters that cites paragraphs", () => {
    const reply = run("summary") as Reply;
    expect(reply.kind).toBe("message");
    expect(reply.visibility).toBe("public");
    const tldr = reply.blocks.find((b) => b.type === "text");
    expect(tldr?.type === "text" && tldr.text.length).toBeLessThanOrEqual(600);
    expect(tldr?.type === "text" && tldr.text).toMatch(/\(¶\d+(, ¶\d+)*\)/u);
  });

  it("full has 5 to 8 bullets, each citing paragraphs, with Sessions' announcement apart from the author's argument", () => {
    const reply = run("summary", { length: "full" }) as Reply;
    const headings = reply.blocks
      .filter((b) => b.type === "heading")
      .map((b) => b.type === "heading" && b.text);
    expect(headings).toEqual(["What Jeff Sessions announced", "What the article’s author argues"]);
    const items = reply.blocks.flatMap((b) => (b.type === "list" ? b.items : []));
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.length).toBeLessThanOrEqual(8);
    for (const item of items) expect(item.cites?.length).toBeGreaterThan(0);
  });

  it.each(all.map((c) => [c.text.slice(0, 60), c] as const))(
    "every name and number appears in the cited paragraphs: %s…",
    (_label, cited) => {
      const source = cited.cites.map(paragraphText).join("\n");
      for (const word of namesAndNumbers(cited.text))
        expect(source, `“${word}” is not in ¶${cited.cites}`).toContain(word);
    },
  );

  it("the citation check would catch a name the cited paragraph lacks", () => {
    expect(namesAndNumbers("He met Sean Spicer in 2017.")).toEqual(["Sean", "Spicer", "2017"]);
    expect(paragraphText(8)).not.toContain("Spicer");
  });

  it("says how much shorter than the article it is", () => {
    const reply = run("summary", { private: true }) as Reply;
    expect(reply.visibility).toBe("private");
    expect(reply.footer).toMatch(
      new RegExp(`\\d+ words, \\d+% shorter than the article’s ${article.words}`, "u"),
    );
  });
});
