import { describe, expect, it } from "vitest";
import { findCommand } from "../../src/core/dispatch.js";
import type { QuoteBlock, Reply } from "../../src/core/reply.js";
import { commands, run, article as shipped } from "../support/article.js";
import { buzzfeed, PLAIN_TEXT, plain, plainArticle, runOn, wapo } from "./added-articles.js";

const quoteBlocks = (reply: Reply) => reply.blocks.filter((b): b is QuoteBlock => b.type === "quote");
const asReply = (outcome: ReturnType<typeof runOn>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};
const textOf = (reply: Reply) =>
  reply.blocks.map((b) => (b.type === "text" || b.type === "heading" ? b.text : "")).join("\n");
const quoteOption = findCommand(commands, "quote")?.options.speaker;

describe("/quote for an added article", () => {
  it("without a topic, lists every attributed quote in article order with its speaker, its whole span and its ¶", () => {
    const reply = asReply(runOn(buzzfeed, "quote"));
    expect(reply.visibility).toBe("public");
    expect(reply.title).toBe(`${buzzfeed.quotes.length} quoted passages by 2 people`);
    const [list] = reply.blocks;
    if (list?.type !== "list") throw new Error("expected a list");
    expect(list.ordered).toBe(true);
    expect(list.items.map((i) => i.speaker)).toEqual(buzzfeed.quotes.map((q) => q.speaker));
    expect(list.items.map((i) => i.lead)).toEqual(buzzfeed.quotes.map((q) => q.speaker));
    expect(list.items.map((i) => i.passage)).toEqual(
      buzzfeed.quotes.map((q) => ({ start: q.start, end: q.end })),
    );
    expect(list.items.map((i) => i.cites)).toEqual(buzzfeed.quotes.map((q) => [q.paragraph]));
    for (const item of list.items) {
      const { quote, passage } = item;
      // What the item shows is where the passage begins, inside it.
      expect(quote && passage && passage.start <= quote.start && quote.end <= passage.end).toBe(true);
    }
    // The footer credits this article's site, never the Sessions outlets.
    expect(reply.footer).toContain("Source: BuzzFeed");
    expect(reply.footer).not.toMatch(/Cox Media|Fox News/u);
    expect(reply.footer).toContain("speaker:");
  });

  it("answers a topic of question words only with the same index, of the speaker asked for", () => {
    expect(asReply(runOn(buzzfeed, "quote", { topic: "what did they say" }))).toEqual(
      asReply(runOn(buzzfeed, "quote")),
    );
    const speaker = buzzfeed.quotes[0]?.speaker ?? "";
    expect(asReply(runOn(buzzfeed, "quote", { topic: "what did he say about", speaker }))).toEqual(
      asReply(runOn(buzzfeed, "quote", { speaker })),
    );
  });

  it("leaves the scare quote and unattributed words out, and names a file's source as the article", () => {
    const reply = asReply(runOn(plain, "quote"));
    const [list] = reply.blocks;
    if (list?.type !== "list") throw new Error("expected a list");
    const passages = list.items.map((i) =>
      i.passage ? plain.text.slice(i.passage.start, i.passage.end) : "",
    );
    expect(passages).toEqual([
      "“We promised people that the bridge would come back, and tonight we kept that promise,”",
      "“Half of my customers simply stopped coming when the bridge closed,”",
      "“Nobody should pay for a bridge twice, so we checked it twice,”",
    ]);
    expect(list.items.map((i) => i.speaker)).toEqual(["Maria Lopez", "Tom Becker", "Maria Lopez"]);
    expect(passages.join(" ")).not.toContain("miracle");
    expect(reply.footer).toContain("Source: the article");
  });

  it("answers a topic with each quote under its own speaker, no role, titled for the people it found", () => {
    const both = asReply(runOn(plain, "quote", { topic: "bridge" }));
    expect(both.title).toBe("Quotes on “bridge”");
    const blocks = quoteBlocks(both);
    expect(new Set(blocks.map((b) => b.speaker))).toEqual(new Set(["Maria Lopez", "Tom Becker"]));
    for (const b of blocks) {
      const quote = plain.quotes.find((q) => q.start === b.quote.start && q.end === b.quote.end);
      expect(quote?.speaker).toBe(b.speaker);
      expect(b.role).toBe("");
      expect(b.number).toBe(quote?.number);
    }
    const one = asReply(runOn(plain, "quote", { topic: "customers" }));
    expect(one.title).toBe("Tom Becker on “customers”");
    expect(quoteBlocks(one).map((b) => b.speaker)).toEqual(["Tom Becker"]);
    expect(one.footer).toContain("of the article’s 3 attributed quotes");
  });

  it("filters by speaker, named in full, by surname or by first name, in any case", () => {
    for (const typed of ["Maria Lopez", "lopez", "MARIA", "lop"]) {
      const reply = asReply(runOn(plain, "quote", { topic: "bridge", speaker: typed }));
      expect(reply.title, typed).toBe("Maria Lopez on “bridge”");
      expect(quoteBlocks(reply).map((b) => b.speaker)).toEqual(["Maria Lopez", "Maria Lopez"]);
      expect(reply.footer).toContain("of Maria Lopez’s 2 quoted passages");
    }
    const index = asReply(runOn(plain, "quote", { speaker: "becker" }));
    expect(index.title).toBe("Tom Becker’s 1 quoted passage");
  });

  it("refuses a speaker nobody is, or that could be several people, privately and briefly, saying who is quoted", () => {
    const nobody = asReply(runOn(plain, "quote", { speaker: "Parry" }));
    expect(nobody).toMatchObject({ visibility: "private", tone: "error" });
    expect(textOf(nobody)).toBe(
      "Nobody called “Parry” is quoted in this article. Quoted: Maria Lopez and Tom Becker.",
    );
    const several = asReply(runOn(wapo, "quote", { speaker: "m" }));
    expect(several.tone).toBe("error");
    expect(textOf(several)).toBe("“m” could be Martin Indyk or Robert M. Danin: type more of the name.");
  });

  it("suggests speakers by the start of any part of their name", () => {
    expect(quoteOption?.complete?.(plain, "")).toEqual(["Maria Lopez", "Tom Becker"]);
    expect(quoteOption?.complete?.(plain, "be")).toEqual(["Tom Becker"]);
    expect(quoteOption?.complete?.(plain, "MARIA L")).toEqual(["Maria Lopez"]);
    expect(quoteOption?.complete?.(plain, "zed")).toEqual([]);
    expect(quoteOption?.complete?.(shipped, "sess")).toEqual(["Jeff Sessions"]);
  });

  it("says plainly, and privately, when nothing matches a topic", () => {
    const reply = asReply(runOn(plain, "quote", { topic: "pizza" }));
    expect(reply.visibility).toBe("private");
    expect(quoteBlocks(reply)).toHaveLength(0);
    expect(textOf(reply)).toContain("No attributed quote in this article matches “pizza”.");
  });

  it("says clearly and privately when the article attributes no quote to anyone", () => {
    const unquoted = plainArticle("no-quotes", PLAIN_TEXT.replace(/[“”]/gu, ""));
    expect(unquoted.quotes).toEqual([]);
    for (const options of [{}, { topic: "bridge" }]) {
      const reply = asReply(runOn(unquoted, "quote", options));
      expect(reply).toMatchObject({ visibility: "private", title: "No attributed quotes" });
      expect(reply.tone).toBeUndefined();
      expect(textOf(reply)).toContain(
        "no quotation of six words or more that it attributes to a named person",
      );
    }
  });
});

describe("/quote for the shipped article with a speaker", () => {
  it("answers exactly as without one for Sessions, by surname or full name", () => {
    for (const speaker of ["sessions", "Jeff Sessions"]) {
      expect(run("quote", { speaker })).toEqual(run("quote"));
      expect(run("quote", { speaker, topic: "grants" })).toEqual(run("quote", { topic: "grants" }));
    }
  });

  it("refuses anyone else, saying who is quoted", () => {
    const reply = asReply(run("quote", { speaker: "Obama", topic: "grants" }));
    expect(reply.tone).toBe("error");
    expect(textOf(reply)).toBe("Nobody called “Obama” is quoted in this article. Quoted: Jeff Sessions.");
  });
});
