import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/adapters/discord/render/limits.js";
import { type EmbedMessage, renderReply } from "../../src/adapters/discord/render/reply.js";
import { renderThread } from "../../src/adapters/discord/render/thread.js";
import type { Reply, ThreadPlan } from "../../src/core/reply.js";
import { describeParts } from "../../src/core/thread/describe.js";
import { blockQuotes, plain } from "../fakes/discord/markdown.js";
import { embedText } from "../fakes/discord/validate.js";
import { article, EVERY_ANSWER, run } from "../support/article.js";

const slice = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);

function expectWithinLimits(messages: EmbedMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const embeds of messages) {
    expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(embedText(embeds)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const e of embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFooter);
    }
  }
}

const descriptions = (messages: EmbedMessage[]) =>
  messages.flatMap((embeds: APIEmbed[]) => embeds.map((e) => e.description ?? ""));

const reply = (outcome: ReturnType<typeof run>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};

describe("rendering replies as Discord embeds", () => {
  it.each(EVERY_ANSWER)("/%s %j fits Discord's limits in one message", (command, options) => {
    const messages = renderReply(reply(run(command, options)), article);
    expectWithinLimits(messages);
    expect(messages).toHaveLength(1);
  });

  it("shows each quote as a block quote that reads exactly as the article, matches in bold", () => {
    const outcome = reply(run("quote", { topic: "grants" }));
    const [embed] = renderReply(outcome, article)[0] ?? [];
    const quotes = blockQuotes(embed?.description ?? "");
    const blocks = outcome.blocks.filter((b) => b.type === "quote");
    expect(quotes.map(plain)).toEqual(blocks.map((b) => slice(b.quote)));
    const first = blocks[0];
    expect(first?.emphasis?.length).toBeGreaterThan(0);
    for (const sentence of first?.emphasis ?? []) expect(quotes[0]).toContain(`**${slice(sentence)}**`);
    // The provenance line: who said it, where, and the article's reporting sentence, which for
    // this passage (3, in ¶8) comes after it, in ¶9.
    expect(first?.number).toBe(3);
    expect(plain(embed?.description ?? "")).toContain(
      `Reported in ¶9, after the quote: ${slice(first?.provenance.sentence ?? { start: 0, end: 0 })}`,
    );
    expect(embed?.footer?.text).toContain("Source: the article, as reported by");
  });

  it("quotes the penalties verbatim in the list", () => {
    const outcome = reply(run("penalties"));
    const text = plain(descriptions(renderReply(outcome, article)).join("\n"));
    for (const item of article.penalties.items) expect(text).toContain(`“${slice(item.span)}”`);
  });

  it("escapes what members type, so it shows literally and pings no one", () => {
    const topic = "@everyone <@123> **now**";
    const outcome = reply(run("quote", { topic }));
    const [embed] = renderReply(outcome, article)[0] ?? [];
    expect(embed?.title).toBe("No matching quote");
    expect(embed?.description).toContain("\\@everyone \\<\\@123\\> \\*\\*now\\*\\*");
    expect(plain(embed?.description ?? "")).toContain(`“${topic}”`);
  });

  it("colours errors red and everything else in the bot's colour", () => {
    const [error] =
      renderReply(
        { kind: "message", visibility: "private", tone: "error", blocks: [{ type: "text", text: "No." }] },
        article,
      )[0] ?? [];
    const [info] = renderReply(reply(run("summary")), article)[0] ?? [];
    expect(error?.color).not.toBe(info?.color);
  });

  it("continues a long answer in more embeds and messages instead of truncating it", () => {
    const whole = { start: 0, end: article.text.length };
    const quote = reply(run("quote", { topic: "grants" })).blocks.find((b) => b.type === "quote");
    if (quote?.type !== "quote") throw new Error("expected a quote");
    const long: Reply = {
      kind: "message",
      visibility: "public",
      title: "T".repeat(300),
      blocks: [
        ...Array.from({ length: 4 }, () => ({ ...quote, quote: whole, emphasis: [] })),
        { type: "text", text: "word ".repeat(3000) },
      ],
      footer: "F".repeat(3000),
    };
    const messages = renderReply(long, article);
    expectWithinLimits(messages);
    expect(messages.length).toBeGreaterThan(1);
    // Every copy of the whole article is still there, character for character. Where a quote too
    // long for one embed was cut, the space before the cut ends the first piece and the next piece
    // starts on a new line of the block quote.
    const quoted = blockQuotes(descriptions(messages).join("\n")).map(plain).join("");
    expect(quoted.replaceAll(" \n", " ")).toBe(article.text.repeat(4));
  });
});

describe("rendering /article post as thread messages", () => {
  const plan = run("article", { title: "Discuss" }, { subcommand: "post" }) as ThreadPlan;
  const parts = renderThread(plan, article);
  const body = parts.filter((p) => p.kind === "article").map((p) => p.message.content ?? "");
  // Slash commands run in Discord threads, so the closing line suggests them.
  const closing =
    "\n\n-# That is the whole article. Discuss it here. Try /summary, /quote grants or /penalties.";
  // A closing line too long to ride on the last part gets a message of its own.
  const wordy = renderThread({ ...plan, closing: "Discuss it here. ".repeat(100).trim() }, article);

  it("posts the header card, then the article with the closing line under its last part, each within the limits", () => {
    expect(parts.map((p) => p.kind)).toEqual(["header", ...body.map(() => "article")]);
    for (const p of [...parts, ...wordy]) {
      expect(p.message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
      if (p.message.embeds) expectWithinLimits([p.message.embeds]);
    }
    expect(parts[0]?.message.embeds?.[0]?.title).toBe(article.title);
    expect(body.at(-1)?.endsWith(closing)).toBe(true);
    expect(wordy.map((p) => p.kind)).toEqual(["header", ...body.map(() => "article"), "closing"]);
    expect(wordy.at(-1)?.message.content).toMatch(/^-# Discuss it here\./u);
  });

  it("splits the article on paragraph boundaries into as few messages as 2,000 characters allow", () => {
    const text = body.map((chunk) => plain(chunk.replace(closing, "")));
    expect(text.join("\n\n")).toBe(article.text.trim());
    // Greedy packing is minimal: no message could have taken the next paragraph too.
    for (const [i, chunk] of body.slice(0, -1).entries()) {
      const nextParagraph = body[i + 1]?.split("\n\n")[0] ?? "";
      expect(`${chunk}\n\n${nextParagraph}`.length).toBeGreaterThan(LIMITS.content);
    }
  });

  it("sets the article's headings in bold", () => {
    const heading = article.paragraphs.find((p) => p.heading);
    expect(body.join("\n\n")).toContain(`**${slice(heading ?? { start: 0, end: 0 })}**`);
  });

  it("names parts for progress and failure reports", () => {
    expect(describeParts(parts)).toBe(`the header and the article (${body.length} messages)`);
    expect(describeParts(parts.slice(0, 2))).toBe(`the header and article part 1 of ${body.length}`);
    expect(describeParts(wordy.slice(2))).toBe(
      `article parts 2–${body.length} of ${body.length} and the closing line`,
    );
  });
});
