import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/article/extract/page.js";
import { summarize } from "../../src/article/extract/summary.js";
import { splitParagraphs, splitSentences } from "../../src/article/paragraphs.js";
import { slice } from "../../src/article/span.js";
import { article } from "../support/article.js";

const PAGES = join(import.meta.dirname, "pages");
const split = (text: string) => {
  const paragraphs = splitParagraphs(text);
  return { text, paragraphs, sentences: splitSentences(text, paragraphs) };
};
const pages = ["wapo-1", "seattletimes-1", "bbc-1"].map((name) => ({
  name,
  ...split(extractHtml(readFileSync(join(PAGES, name, "source.html"), "utf8")).text),
}));

describe("extractive summary", () => {
  it("is the article's own sentences, each a span with its ¶, in article order, 3–4 short and 8–10 full", () => {
    for (const { text, paragraphs, sentences } of [...pages, split(article.text)]) {
      const { short, full } = summarize(text, paragraphs, sentences);
      expect(short.length).toBeGreaterThanOrEqual(3);
      expect(short.length).toBeLessThanOrEqual(4);
      expect(full.length).toBeGreaterThanOrEqual(8);
      expect(full.length).toBeLessThanOrEqual(10);
      for (const list of [short, full]) {
        expect(list.map((s) => s.start)).toEqual(
          [...new Set(list.map((s) => s.start))].sort((a, b) => a - b),
        );
        for (const s of list) {
          const own = sentences.find((x) => x.start === s.start && x.end === s.end);
          expect(own?.paragraph).toBe(s.paragraph);
          const paragraph = paragraphs.find((p) => p.number === s.paragraph);
          expect(paragraph && slice(text, paragraph).includes(slice(text, s))).toBe(true);
        }
      }
    }
  });

  it("leads with the news: a wire story's first sentence is in its short summary", () => {
    const wapo = pages[0];
    if (!wapo) throw new Error("no page");
    const { short } = summarize(wapo.text, wapo.paragraphs, wapo.sentences);
    expect(short[0]).toEqual(wapo.sentences[0]);
  });

  it("prefers the sentences the rest of the article is about to ones that stand alone", () => {
    const on = [
      "The council vote on the school budget passed late on Tuesday night after hours of debate.",
      "Teachers said the school budget still leaves their classrooms short of books and heating.",
      "Parents welcomed the council vote but asked where the budget money for schools will go.",
      "The mayor defended the school budget against critics on the council at the same meeting.",
      "Next year the budget vote will again decide how many schools the council keeps open.",
    ];
    const off = [
      "Elsewhere, a rare migratory heron was photographed resting quietly on the frozen northern lake shore.",
      "Separately, the regional orchestra announced a winter programme of baroque concertos and choral works.",
    ];
    const text = [
      "Residents gathered downtown on a cold evening while traffic slowed near the old stone bridge.",
      off[0],
      on[0],
      on[1],
      off[1],
      on[2],
      on[3],
      on[4],
    ].join("\n\n");
    const { paragraphs, sentences } = split(text);
    const chosen = summarize(text, paragraphs, sentences).short.map((s) => slice(text, s));
    for (const o of off) expect(chosen).not.toContain(o);
    expect(chosen.filter((s) => on.includes(s)).length).toBeGreaterThanOrEqual(2);
  });

  it("skips a sentence that repeats one already chosen, and copes with an article of few sentences", () => {
    const repeated =
      "The council approved the new school budget after a long and heated public meeting on Tuesday.";
    const text = [
      repeated,
      repeated,
      "Teachers said the extra funding would pay for smaller classes in every primary school.",
    ].join("\n\n");
    const { paragraphs, sentences } = split(text);
    const { short, full } = summarize(text, paragraphs, sentences);
    expect(short.map((s) => slice(text, s)).filter((s) => s === repeated)).toHaveLength(1);
    expect(full.length).toBeLessThanOrEqual(2);
    expect(summarize("", [], [])).toEqual({ short: [], full: [] });
  });
});
