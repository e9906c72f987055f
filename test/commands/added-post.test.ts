import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { LIMITS as DISCORD } from "../../src/adapters/discord/render/limits.js";
import { renderPreview as discordPreview } from "../../src/adapters/discord/render/preview.js";
import { renderThread as discordThread } from "../../src/adapters/discord/render/thread.js";
import { renderPreview as slackPreview } from "../../src/adapters/slack/render/preview.js";
import { renderThread as slackThread, threadParts } from "../../src/adapters/slack/render/thread.js";
import type { AddedArticle } from "../../src/article/kinds.js";
import type { ThreadPlan } from "../../src/core/reply.js";
import { describeParts } from "../../src/core/thread/describe.js";
import { renderText } from "../../src/render/plain-text.js";
import { plain as discordPlain } from "../fakes/discord/markdown.js";
import { embedText } from "../fakes/discord/validate.js";
import { blockKitProblems, FAKE_BOT, firingMentions, visibleText } from "../fakes/slack/index.js";
import { run, spansIn } from "../support/article.js";
import { buzzfeed, plain, runOn, wapo } from "./added-articles.js";

const BOT = { botUserId: FAKE_BOT.userId };
const NOTICE = "Posts the whole article text: only if you may repost it.";

const plan = (article: AddedArticle, options: Record<string, unknown> = {}): ThreadPlan => {
  const outcome = runOn(article, "article", options, { subcommand: "post" });
  if (outcome.kind !== "thread") throw new Error(`expected a plan, got ${JSON.stringify(outcome)}`);
  return outcome;
};

describe("/article post for an added article", () => {
  it("by default plans the header, the summary and up to three key quotes, the link, and no article text", () => {
    const p = plan(buzzfeed);
    expect(p.body).toEqual([]);
    expect(p.notice).toBeUndefined();
    expect(p.threadTitle).toBe(buzzfeed.title);
    const { header } = p;
    expect(header.title).toBe(buzzfeed.title);
    expect(header.blocks.slice(0, 2)).toEqual([
      { type: "text", text: "BuzzFeed" },
      { type: "text", text: "https://news.example/buzzfeed-1" },
    ]);
    const list = header.blocks.find((b) => b.type === "list");
    expect(list?.type === "list" && list.items.map((i) => i.quote)).toEqual(
      buzzfeed.summary.short.map((s) => ({ start: s.start, end: s.end })),
    );
    const quotes = header.blocks.filter((b) => b.type === "quote");
    expect(quotes.map((q) => q.type === "quote" && [q.quote.start, q.speaker])).toEqual(
      buzzfeed.quotes.slice(0, 3).map((q) => [q.start, q.speaker]),
    );
    expect(p.closing).toBe("Read the whole article at https://news.example/buzzfeed-1. Discuss it here.");
    expect(p.suggest).toEqual(["summary article:buzzfeed-1", "quote article:buzzfeed-1"]);
  });

  it("names the byline, the site and the date when the page gives them, and has no link for a file", () => {
    const byWapo = plan(wapo).header.blocks[0];
    expect(byWapo).toEqual({ type: "text", text: "By Steven Mufson · Washington Post" });
    const p = plan(plain);
    expect(p.header.blocks[0]).toEqual({ type: "heading", text: "Summary, extracted automatically" });
    expect(p.closing).toBe("Discuss it here.");
    const dated = {
      ...plain,
      source: { ...plain.source, site: "Riverside Post", published: "2015-07-24T04:36:09.000Z" },
    };
    expect(plan(dated).header.blocks[0]).toEqual({ type: "text", text: "Riverside Post · 24 July 2015" });
  });

  it("with full:true, plans the whole text and a notice the preview must show", () => {
    const p = plan(buzzfeed, { full: true });
    expect(p.body).toEqual(buzzfeed.paragraphs.map(({ start, end }) => ({ start, end })));
    expect(p.notice).toBe(NOTICE);
    expect(p.confirm).toBe(true);
    expect(p.header.blocks.some((b) => b.type === "quote")).toBe(false);
  });

  it("refuses full:true with confirm:false, briefly: the whole text must be confirmed in the preview", () => {
    const outcome = runOn(buzzfeed, "article", { full: true, confirm: false }, { subcommand: "post" });
    expect(outcome).toMatchObject({ kind: "message", visibility: "private", tone: "error" });
    expect(JSON.stringify(outcome)).toContain("needs the preview");
    // Without full, an added article may still be posted at once.
    expect(plan(buzzfeed, { confirm: false }).confirm).toBe(false);
  });

  it("leaves the shipped article's post exactly as it was, whatever full says", () => {
    const today = run("article", {}, { subcommand: "post" });
    expect(run("article", { full: true }, { subcommand: "post" })).toEqual(today);
    expect(run("article", { full: false }, { subcommand: "post" })).toEqual(today);
    expect(today.kind === "thread" && today.notice).toBeUndefined();
  });
});

describe("a short post through each platform's renderer", () => {
  it("Discord: the header within the embed limits, every span as sliced, then the closing line with the link", () => {
    for (const article of [buzzfeed, wapo, plain]) {
      const p = plan(article);
      const parts = discordThread(p, article);
      expect(parts.map((part) => part.kind)).toEqual([
        ...parts.filter((part) => part.kind === "header").map(() => "header"),
        "closing",
      ]);
      const embeds = parts.flatMap((part) => part.message.embeds ?? []);
      for (const part of parts) {
        expect(embedText(part.message.embeds ?? [])).toBeLessThanOrEqual(DISCORD.embedTotal);
        expect(part.message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD.content);
      }
      for (const e of embeds)
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD.embedDescription);
      const shown = discordPlain(embeds.map((e: APIEmbed) => e.description ?? "").join("\n"));
      for (const span of spansIn(p.header.blocks))
        expect(shown).toContain(article.text.slice(span.start, span.end));
      expect(shown).not.toMatch(/, ·/u);
      const closing = discordPlain(parts.at(-1)?.message.content ?? "");
      expect(closing).toContain(p.closing);
      expect(closing).toContain(`/summary article:${article.name}`);
    }
    expect(describeParts(discordThread(plan(buzzfeed), buzzfeed))).toBe("the header and the closing line");
  });

  it("Discord: the article's address stays a link, unescaped, in the header and the closing line", () => {
    const url = "https://news.example/2026/riverside_bridge?id=1&from=a_b";
    const linked = { ...plain, source: { ...plain.source, url } };
    const parts = discordThread(plan(linked), linked);
    const descriptions = parts.flatMap((part) => part.message.embeds ?? []).map((e) => e.description ?? "");
    expect(descriptions.join("\n").split("\n")).toContain(url);
    expect(parts.at(-1)?.message.content).toContain(`Read the whole article at ${url}. Discuss it here.`);
    // Around the address, words are escaped as ever.
    const marked = { ...linked, source: { ...linked.source, byline: "By *Jo* _Doe_" } };
    const [about] = discordThread(plan(marked), marked).flatMap((part) => part.message.embeds ?? []);
    expect(about?.description?.split("\n")[0]).toBe("By \\*Jo\\* \\_Doe\\_");
  });

  it("Slack: a valid parent with the header, and one reply with the closing line", () => {
    for (const article of [buzzfeed, wapo, plain]) {
      const p = plan(article);
      const thread = slackThread(p, article, BOT);
      expect(thread.articleText).toBe(false);
      expect(thread.replies).toHaveLength(1);
      for (const message of [thread.parent, ...thread.replies]) {
        expect(blockKitProblems({ ...message })).toEqual([]);
        expect(firingMentions({ ...message })).toEqual([]);
      }
      const parent = visibleText({ ...thread.parent });
      for (const span of spansIn(p.header.blocks))
        expect(parent).toContain(article.text.slice(span.start, span.end));
      expect(parent).toContain("Discuss it in this thread.");
      expect(parent).not.toContain("The full article follows");
      expect(visibleText({ ...thread.replies[0], text: "" })).toContain(p.closing);
      // The report names what went in: the header and the closing line, not "the article".
      expect(threadParts(thread).map((part) => part.label.kind)).toEqual(["header", "closing"]);
      expect(describeParts(threadParts(thread).map((part) => part.label))).toBe(
        "the header and the closing line",
      );
    }
  });

  it("the console: no empty section where the article would be", () => {
    const shown = renderText(plan(buzzfeed), buzzfeed, { styled: false });
    expect(shown).not.toMatch(/────────\n────────/u);
    expect(shown).not.toContain("Notice:");
    expect(shown.trimEnd().endsWith("Try /summary article:buzzfeed-1 or /quote article:buzzfeed-1.")).toBe(
      true,
    );
  });
});

describe("a full post's notice", () => {
  const p = plan(buzzfeed, { full: true });

  it("is shown first in the Discord preview", () => {
    const parts = discordThread(p, buzzfeed);
    const preview = discordPreview({
      id: "p1",
      name: p.threadTitle,
      target: { kind: "thread", id: "123", needs: [] },
      parts,
      ttlMs: 600_000,
      notice: p.notice,
    });
    expect(discordPlain(preview.content.split("\n")[0] ?? "")).toBe(NOTICE);
    const without = discordPreview({
      id: "p1",
      name: p.threadTitle,
      target: { kind: "thread", id: "123", needs: [] },
      parts,
      ttlMs: 600_000,
    });
    expect(without.content).not.toContain(NOTICE);
  });

  it("leaves the Discord preview within one message's limits, however long the header", () => {
    const long = {
      ...p,
      header: {
        ...p.header,
        blocks: [1, 2, 3].map(() => ({ type: "text" as const, text: "word ".repeat(900) })),
      },
    };
    const parts = discordThread(long, buzzfeed);
    expect(parts.filter((part) => part.kind === "header").length).toBeGreaterThan(1);
    const preview = discordPreview({
      id: "p1",
      name: "t",
      target: { kind: "thread", id: "123", needs: [] },
      parts,
      ttlMs: 600_000,
    });
    expect(preview.embeds).toEqual(parts[0]?.message.embeds);
    expect(embedText(preview.embeds) + preview.content.length).toBeLessThanOrEqual(DISCORD.embedTotal);
  });

  it("is shown first in the Slack preview, which counts the article's replies", () => {
    const thread = slackThread(p, buzzfeed, BOT);
    expect(thread.articleText).toBe(true);
    const preview = slackPreview({
      id: "p1",
      title: p.threadTitle,
      target: { id: "C1", label: "<#C1>" },
      thread,
      ttlMs: 600_000,
      notice: p.notice,
    });
    expect(preview.text.split("\n")[0]).toBe(`:warning: ${NOTICE}`);
    expect(preview.text).toContain("(a parent message, then the article in 1 reply in its thread)");
    expect(blockKitProblems({ ...preview })).toEqual([]);
    // A short post's preview says what its one reply is.
    const short = slackPreview({
      id: "p2",
      title: p.threadTitle,
      target: { id: "C1", label: "<#C1>" },
      thread: slackThread(plan(buzzfeed), buzzfeed, BOT),
      ttlMs: 600_000,
    });
    expect(short.text).toContain("(a parent message, then a closing reply in its thread): 2 messages");
    expect(short.text).not.toContain(NOTICE);
  });

  it("is printed by the console above the plan", () => {
    const shown = renderText(p, buzzfeed, { styled: false });
    expect(shown.split("\n")[1]).toBe(`Notice: ${NOTICE}`);
    expect(shown).toContain(buzzfeed.text.slice(buzzfeed.paragraphs[0]?.start, buzzfeed.paragraphs[0]?.end));
  });
});
