import { describe, expect, it } from "vitest";
import { renderReply } from "../../src/adapters/slack/render/reply.js";
import { renderThread } from "../../src/adapters/slack/render/thread.js";
import type { Reply, ThreadPlan } from "../../src/core/reply.js";
import {
  blockKitProblems,
  boldRuns,
  FAKE_BOT,
  firingMentions,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { article, EVERY_ANSWER, run, spansIn } from "../support/article.js";

const reply = (outcome: ReturnType<typeof run>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};
const slice = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);

describe("the Block Kit renderer", () => {
  it.each(EVERY_ANSWER)(
    "renders /%s %j within Block Kit's limits, with no mention that can fire",
    (name, options) => {
      for (const message of renderReply(reply(run(name, options)), article)) {
        expect(blockKitProblems({ ...message })).toEqual([]);
        expect(firingMentions({ ...message })).toEqual([]);
        expect(message.text.length).toBeGreaterThan(0);
      }
    },
  );

  it("shows every article span exactly as sliced: quotes in rich text, quoted list items un-escaped", () => {
    for (const [name, options] of EVERY_ANSWER) {
      const outcome = reply(run(name, options));
      const shown = renderReply(outcome, article)
        .map((m) => visibleText({ ...m }))
        .join("\n");
      // An index item's `passage` (the whole quote) is for machines (console --json); it shows the opening.
      const visible = outcome.blocks.map((b) =>
        b.type === "list" ? { ...b, items: b.items.map(({ passage: _whole, ...item }) => item) } : b,
      );
      for (const span of spansIn(visible)) expect(shown).toContain(slice(span));
    }
  });

  it("draws a quote as a block quote whose runs rejoin to the passage, matching sentences bold", () => {
    const outcome = reply(run("quote", { topic: "claw back" }));
    const [message] = renderReply(outcome, article);
    const block = outcome.blocks[0];
    if (!message || block?.type !== "quote") throw new Error("expected a quote");
    const quoteBlock = message.blocks.find((b) => b.type === "rich_text");
    expect(quoteBlock).toMatchObject({ elements: [{ type: "rich_text_quote" }] });
    const runs = visibleBlocks({ blocks: [quoteBlock] });
    expect(runs).toEqual([slice(block.quote)]);
    expect(boldRuns({ ...message })).toEqual((block.emphasis ?? []).map(slice));
    expect(boldRuns({ ...message }).length).toBeGreaterThan(0);
    // The provenance line: who, which passage, and the article's reporting sentence, which for
    // this passage comes after it.
    expect(block.number).toBe(3);
    expect(visibleText({ ...message })).toContain(
      `Reported in ¶9, after the quote: ${slice(block.provenance.sentence)}`,
    );
  });

  it("has a header, and a context footer crediting the source", () => {
    const [message] = renderReply(reply(run("penalties")), article);
    expect(message?.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Penalties Jeff Sessions announced" },
    });
    const footer = message?.blocks.at(-1);
    expect(footer?.type).toBe("context");
    expect(visibleText({ blocks: [footer] })).toContain("Source: the article, as reported by");
  });

  it("escapes &, < and > in our own text and the fallback, so <!channel> and <@U1> stay characters", () => {
    const hostile: Reply = {
      kind: "message",
      visibility: "public",
      title: "On “<!channel> & <@U1>”",
      blocks: [
        { type: "heading", text: "<!here> heading" },
        { type: "text", text: "Nothing matches “<!channel> <@U1|bob> AT&T”." },
        { type: "list", ordered: true, items: [{ text: "<!everyone>" }] },
      ],
      footer: "<@U2> footer",
    };
    const [message] = renderReply(hostile, article);
    if (!message) throw new Error("no message");
    expect(firingMentions({ ...message })).toEqual([]);
    expect(message.text).toContain("&lt;!channel&gt;");
    const shown = visibleText({ ...message });
    for (const words of [
      "On “<!channel> & <@U1>”",
      "<!here> heading",
      "“<!channel> <@U1|bob> AT&T”",
      "1. <!everyone>",
      "<@U2> footer",
    ])
      expect(shown).toContain(words);
  });

  it("splits long text into sections of at most 3,000 characters and many blocks into several messages", () => {
    const long = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(" ");
    const big: Reply = {
      kind: "message",
      visibility: "private",
      title: "x".repeat(400),
      blocks: [
        { type: "text", text: long },
        ...Array.from({ length: 80 }, (_, i) => ({ type: "heading" as const, text: `h${i}` })),
      ],
    };
    const messages = renderReply(big, article);
    expect(messages.length).toBe(2);
    for (const m of messages) expect(blockKitProblems({ ...m })).toEqual([]);
    const shown = messages.map((m) => visibleText({ ...m })).join(" ");
    expect(shown.split(/\s+/u).filter((w) => w.startsWith("word"))).toHaveLength(1500);
    expect(shown).toContain("h79");
  });
});

describe("the thread renderer", () => {
  const plan = run("article", {}, { subcommand: "post" }) as ThreadPlan;

  it("packs the article into as few replies as the section limit allows, losing no character", () => {
    const { parent, replies } = renderThread(plan, article, { botUserId: FAKE_BOT.userId });
    expect(replies).toHaveLength(Math.ceil(article.text.trim().length / 3000));
    for (const m of [parent, ...replies]) expect(blockKitProblems({ ...m })).toEqual([]);
    const body = replies.map((r) => visibleBlocks({ blocks: [r.blocks[0]] })[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
    expect(visibleText({ ...replies.at(-1) })).toContain(plan.closing);
    // Slack runs no slash commands in threads: the closing line says how to ask by mention.
    const context = replies.at(-1)?.blocks.at(-1) as { elements: { text: string }[] };
    expect(context.elements[0]?.text).toBe(
      `That is the whole article. Discuss it here. Ask the bot here by mentioning it: <@${FAKE_BOT.userId}> summary, <@${FAKE_BOT.userId}> quote grants or <@${FAKE_BOT.userId}> penalties.`,
    );
  });

  it("heads the parent with the thread's title, keeping the article's title under a custom one", () => {
    const own = renderThread({ ...plan, threadTitle: "Read along <!here>" }, article, {
      botUserId: FAKE_BOT.userId,
    }).parent;
    expect(visibleBlocks({ ...own })[0]).toBe("Read along <!here>");
    expect(visibleText({ ...own })).toContain(article.title);
    expect(visibleText({ ...own })).toContain("tl;dr:");
    expect(firingMentions({ ...own })).toEqual([]);
  });
});
