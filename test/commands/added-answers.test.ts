import { describe, expect, it } from "vitest";
import { findCommand } from "../../src/core/dispatch.js";
import { parseCommandLine } from "../../src/core/parse-text.js";
import type { Reply } from "../../src/core/reply.js";
import { renderText } from "../../src/render/plain-text.js";
import { commands, run } from "../support/article.js";
import { buzzfeed, PLAIN_TEXT, plain, plainArticle, runOn } from "./added-articles.js";

const asReply = (outcome: ReturnType<typeof runOn>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};

describe("/summary for an added article", () => {
  it.each(["short", "full"] as const)(
    "%s: the extracted sentences themselves, in article order, each citing its ¶, said to be extracted",
    (length) => {
      const reply = asReply(runOn(buzzfeed, "summary", { length }));
      expect(reply.title).toBe(`Summary: ${buzzfeed.title}`);
      expect(reply.blocks[0]).toEqual({
        type: "text",
        text: "Extracted automatically: the article’s own sentences, chosen by the bot.",
      });
      const list = reply.blocks[1];
      if (list?.type !== "list") throw new Error("expected a list");
      const chosen = buzzfeed.summary[length];
      expect(chosen.length).toBeGreaterThan(0);
      // Nothing retyped: no words of ours, only the sentence spans and their paragraphs.
      expect(list.items).toEqual(
        chosen.map((s) => ({ text: "", quote: { start: s.start, end: s.end }, cites: [s.paragraph] })),
      );
      const starts = list.items.map((i) => i.quote?.start ?? -1);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const s of chosen) {
        const p = buzzfeed.paragraphs.find((x) => x.number === s.paragraph);
        expect(p && p.start <= s.start && s.end <= p.end).toBe(true);
      }
      expect(reply.footer).toMatch(/^\d+ words, \d+% shorter than the article’s \d+ · Source: BuzzFeed$/u);
    },
  );

  it("is printed as the article's words in quotation marks with their ¶, with no label in front", () => {
    const reply = asReply(runOn(plain, "summary"));
    const shown = renderText(reply, plain, { styled: false });
    for (const s of plain.summary.short) {
      const words = plain.text.slice(s.start, s.end);
      expect(shown).toContain(`  • ${words.startsWith("“") ? words : `“${words}”`} (¶${s.paragraph})`);
    }
    expect(shown).not.toContain("• :");
  });
});

describe("/penalties for an added article", () => {
  it("says privately that only the Sessions article has a curated list, and how to get it", () => {
    const reply = asReply(runOn(buzzfeed, "penalties"));
    expect(reply.visibility).toBe("private");
    expect(reply.tone).toBeUndefined();
    const [block] = reply.blocks;
    expect(block?.type === "text" && block.text).toContain(
      "Only the shipped Sessions article has a curated penalty list",
    );
    expect(block?.type === "text" && block.text).toContain("/penalties article:sessions");
    expect(reply.blocks).toHaveLength(1);
  });
});

describe("the article option", () => {
  const articled = ["quote", "summary", "penalties", "article post"];

  it("is on every command that works on an article: text, at most 40 characters, no completion of its own", () => {
    for (const path of articled) {
      const [name, sub] = path.split(" ");
      const option = findCommand(commands, name ?? "", sub)?.options.article;
      expect(option, path).toMatchObject({ kind: "text", maxLength: 40, required: false, keyed: true });
      expect(option?.complete).toBeUndefined();
      expect(option?.allowed).toContain("lowercase letters, digits and hyphens");
    }
  });

  it("takes a short name (as typed, in any case) and leaves the answer to the article dispatch resolved", () => {
    expect(run("summary", { article: "sessions" })).toEqual(run("summary"));
    expect(run("summary", { article: " Sessions " })).toEqual(run("summary"));
    expect(runOn(plain, "summary", { article: "riverside-bridge" })).toEqual(runOn(plain, "summary"));
  });

  it.each(["two words", "a_b", "x".repeat(41), "sessions!"])("refuses %j with what is allowed", (value) => {
    const reply = asReply(run("quote", { article: value }));
    expect(reply.tone).toBe("error");
    const [block] = reply.blocks;
    expect(block?.type === "text" && block.text).toContain("“article” must be an article's short name");
  });

  it("is set in chat text only by name, so the topic and title stay the free words", () => {
    expect(parseCommandLine("/quote speaker:lopez the bridge article:riverside-bridge", commands)).toEqual({
      ok: true,
      command: "quote",
      options: { speaker: "lopez", topic: "the bridge", article: "riverside-bridge" },
    });
    expect(parseCommandLine("/summary full article:sessions", commands)).toMatchObject({
      options: { length: "full", article: "sessions" },
    });
    expect(
      parseCommandLine("/article post title:Bridge article:riverside-bridge full", commands),
    ).toMatchObject({ options: { title: "Bridge", article: "riverside-bridge", full: true } });
    expect(parseCommandLine("/summary everything", commands)).toMatchObject({ ok: false });
  });

  it("appears in /help with the speaker option, and /help still lists every command", () => {
    const help = JSON.stringify(run("help"));
    expect(help).toContain("article: Which article");
    expect(help).toContain("speaker: Only this person's quotes: a name or surname, e.g. Sessions");
    expect(help).toContain("full: An added article's whole text");
    expect(findCommand(commands, "summary")?.examples).toContain("/summary article:sessions");
  });
});

describe("/help for an added article", () => {
  const helpText = (article?: Parameters<typeof runOn>[0]) => {
    const reply = asReply(article ? runOn(article, "help", {}) : run("help"));
    return reply.blocks
      .map((b) => (b.type === "list" ? b.items.map((i) => i.text).join("\n") : "text" in b ? b.text : ""))
      .join("\n");
  };

  it("speaks of the channel's article's own people, never the shipped article's speaker", () => {
    expect(helpText()).toContain("Sessions’ own words on a topic");
    // Becker's words reported, not quoted: Maria Lopez is the one person quoted.
    const lopezOnly = plainArticle(
      "riverside-lopez",
      PLAIN_TEXT.replace(/“Half of my customers([^”]*),” Becker said/u, "He said half of his customers$1"),
    );
    expect(lopezOnly.speakers).toEqual(["Maria Lopez"]);
    const lopez = helpText(lopezOnly);
    expect(lopez).toContain("Lopez’s own words on a topic");
    expect(lopez).toContain("a name or surname, e.g. Lopez");
    for (const several of [plain, buzzfeed]) {
      const text = helpText(several);
      expect(text).toContain("The quoted people’s own words on a topic");
      expect(text).toContain(`e.g. ${several.speakers[0]?.split(" ").at(-1)}`);
    }
    for (const text of [lopez, helpText(plain), helpText(buzzfeed)]) expect(text).not.toMatch(/Sessions/u);
  });
});
