import pino from "pino";
import { describe, expect, it } from "vitest";
import type { QuoteBlock, Reply } from "../../src/core/reply.js";
import { provenanceLabel } from "../../src/core/reply-parts.js";
import { renderText } from "../../src/render/plain-text.js";
import { article, run } from "../support/article.js";

const quoteBlocks = (reply: Reply) => reply.blocks.filter((b): b is QuoteBlock => b.type === "quote");

describe("/quote", () => {
  it("answers a topic with the whole passage, verbatim, the matching sentence marked, and its provenance", () => {
    const reply = run("quote", { topic: "grants" }) as Reply;
    expect(reply.visibility).toBe("public");
    const [block, ...rest] = quoteBlocks(reply);
    expect(rest).toHaveLength(0);
    const q = article.quotes[2];
    expect(block?.quote).toEqual({ start: q?.start, end: q?.end });
    expect(block?.provenance.paragraph).toBe(9);
    expect(block?.paragraph).toBe(8);
    const marked = (block?.emphasis ?? []).map((s) => article.text.slice(s.start, s.end));
    expect(marked.every((s) => /grants/u.test(s))).toBe(true);
    expect(marked.length).toBeGreaterThan(0);
  });

  it("says where the reporting sentence stands: after the quote for ¶9, before it for the others", () => {
    const blocks = quoteBlocks(run("quote", { topic: "laws" }) as Reply);
    const grants = quoteBlocks(run("quote", { topic: "grants" }) as Reply);
    const labels = [...blocks, ...grants].map((b) => [b.number, provenanceLabel(b)]);
    expect(labels).toEqual([
      [1, "Introduced in ¶3"],
      [3, "Reported in ¶9, after the quote"],
      [3, "Reported in ¶9, after the quote"],
    ]);
    // The sentence really does come after the quote, and the console says so.
    const [after] = grants;
    expect(after && after.provenance.sentence.start >= after.quote.end).toBe(true);
    const shown = renderText(run("quote", { topic: "grants" }) as Reply, article, { styled: false });
    expect(shown).toContain("Reported in ¶9, after the quote: As the above makes clear");
    expect(shown).not.toContain("Introduced in ¶9");
  });

  it("lists the matching passages best first", () => {
    const reply = run("quote", { topic: "laws" }) as Reply;
    expect(quoteBlocks(reply).map((b) => b.number)).toEqual([1, 3]);
  });

  it("without a topic, gives a numbered index of his passages and their topics", () => {
    const reply = run("quote") as Reply;
    const list = reply.blocks[0];
    expect(list?.type).toBe("list");
    if (list?.type !== "list") return;
    expect(list.ordered).toBe(true);
    expect(list.items).toHaveLength(3);
    expect(list.items[2]?.text).toContain("grants");
    expect(list.items.map((i) => i.cites)).toEqual([[4], [6], [8]]);
  });

  it("says plainly when nothing matches and suggests topics that do", () => {
    const reply = run("quote", { topic: "pizza" }) as Reply;
    expect(quoteBlocks(reply)).toHaveLength(0);
    const text = reply.blocks.map((b) => (b.type === "text" ? b.text : "")).join("\n");
    expect(text).toContain("nothing in this article that matches “pizza”");
    const suggested = /Topics that do match: (.*)\./u.exec(text)?.[1]?.split(", ") ?? [];
    expect(suggested.length).toBeGreaterThan(0);
    for (const topic of suggested) expect(article.search.search(topic).length).toBeGreaterThan(0);
  });

  it("treats a blank topic as no topic", () => {
    expect((run("quote", { topic: "   " }) as Reply).title).toContain("quoted passages");
  });

  it("says when the words were found only around the passage, in the author's words", () => {
    const reply = run("quote", { topic: "grants threatened" }) as Reply;
    expect(reply.blocks[0]).toEqual({
      type: "text",
      text: "No passage says “threatened”; the article says it around this one.",
    });
    const both = run("quote", { topic: "white house" }) as Reply;
    expect(both.blocks[0]).toEqual({
      type: "text",
      text: "No passage says “white” or “house”; the article says them around this one.",
    });
  });

  it("answers a topic of question words and his name only with the index of all he said", () => {
    for (const topic of ["what did he say", "what did Sessions announce", "Jeff Sessions", "?!"]) {
      const reply = run("quote", { topic }) as Reply;
      expect(reply.title).toBe("Jeff Sessions’ 3 quoted passages");
      expect(reply.blocks[0]?.type).toBe("list");
    }
  });
});

describe("/quote topic completion", () => {
  it("suggests topics from the same search, each of which matches", async () => {
    const { complete, createBot } = await import("../../src/core/answer.js");
    const { commands } = await import("../support/article.js");
    const bot = createBot({ article, commands, log: pino({ level: "silent" }) });
    const suggestions = await complete(bot, { command: { name: "quote" }, option: "topic", typed: "gr" });
    expect(suggestions).toContain("grants");
    for (const s of suggestions) expect(article.search.search(s).length).toBeGreaterThan(0);
    expect(await complete(bot, { command: { name: "summary" }, option: "length", typed: "s" })).toEqual([]);
  });
});
