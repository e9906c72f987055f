import type { SlashCommand } from "@slack/bolt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toInvocation } from "../../src/adapters/slack/invocation.js";
import { escapeMrkdwn } from "../../src/adapters/slack/render/escape.js";
import { renderReply } from "../../src/adapters/slack/render/reply.js";
import {
  type ReportContext,
  renderReport,
  renderStep,
  starting,
} from "../../src/adapters/slack/render/report.js";
import { renderThread, threadParts } from "../../src/adapters/slack/render/thread.js";
import { type ChannelRef, channelRef } from "../../src/adapters/slack/thread/target.js";
import { answer } from "../../src/core/answer.js";
import type { Outcome, Reply, ThreadPlan } from "../../src/core/reply.js";
import {
  blockKitProblems,
  FAKE_BOT,
  firingMentions,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { commandWithRawOptions, hostileText, RUNS } from "../support/arbitraries.js";
import { article, bot, commands, run } from "../support/article.js";

/**
 * Hostile text through the Slack side: Slack's slash-command text parsing, dispatch, the Block Kit
 * renderer, the thread renderer and the moderator's notes. Nothing throws, every payload is within
 * Block Kit's limits (the fake's own checker), no mention can fire, and every quote shown is
 * exactly its slice of the article.
 */
const slice = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);
type Json = Record<string, unknown>;

/** What Slack would accept and show safely. */
function checkMessage(message: Json): void {
  expect(blockKitProblems(message)).toEqual([]);
  expect(firingMentions(message)).toEqual([]);
  expect(String(message.text).length).toBeGreaterThan(0);
}

/** Every quote block, in order, is drawn as a rich-text quote whose runs rejoin to its slice. */
function checkReply(reply: Reply): void {
  const messages = renderReply(reply, article).map((m) => ({ ...m }) as Json);
  for (const m of messages) checkMessage(m);
  const quotes = reply.blocks.filter((b) => b.type === "quote");
  const drawn = messages.flatMap((m) =>
    ((m.blocks ?? []) as Json[])
      .filter((b) => b.type === "rich_text")
      .map((b) => visibleBlocks({ blocks: [b] })[0]),
  );
  expect(drawn).toEqual(quotes.map((q) => slice(q.quote)));
  const shown = messages.map((m) => visibleText(m)).join("\n");
  for (const block of reply.blocks)
    if (block.type === "list")
      for (const item of block.items) if (item.quote) expect(shown).toContain(slice(item.quote));
}

const NOTE_REASON = "Slack answered HTTP 500";

/** The thread, and every note its moderator may get about it, with the channel as named. */
function checkThread(plan: ThreadPlan, target: ChannelRef): void {
  const { parent, replies } = renderThread(plan, article, { botUserId: FAKE_BOT.userId });
  for (const m of [parent, ...replies]) checkMessage({ ...m });
  const body = replies.map((r) => visibleBlocks({ blocks: [r.blocks[0]] })[0]);
  expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
  const link = "https://fake.slack.test/archives/C1/p1";
  const c: ReportContext = { title: plan.threadTitle, target, botName: "article_bot", permalink: () => link };
  const unlinked: ReportContext = { ...c, permalink: () => undefined };
  const thread = { channel: "C1", ts: "1.000001" };
  const parts = threadParts({ parent, replies }).map((p) => p.label);
  const all = parts.map((_, i) => i);
  const refused = { kind: "refused" as const, error: new Error(NOTE_REASON) };
  const stop = { kind: "stopped" as const, thread, parts, present: new Set([0]), at: 1 };
  for (const note of [
    starting({ title: plan.threadTitle, channel: target.label, replies: replies.length }),
    renderStep({ kind: "opened", thread, missing: replies.length }, c, true),
    renderStep({ kind: "opened", thread, missing: 1 }, unlinked, false),
    renderReport({ kind: "done", thread, parts, found: [], posted: all }, c),
    renderReport(
      { kind: "done", thread, parts, found: [0], posted: all.slice(1), checkedOnly: 1000 },
      unlinked,
    ),
    renderReport({ kind: "notCreated", cause: refused, sending: false }, c),
    renderReport({ kind: "notCreated", cause: { kind: "shutdown" }, sending: true }, c),
    renderReport({ kind: "notRead", cause: refused }, c),
    renderReport({ ...stop, unsure: false, cause: refused }, c),
    renderReport({ ...stop, unsure: true, cause: { kind: "shutdown" } }, unlinked),
  ])
    checkMessage({ ...note });
}

function check(outcome: Outcome): void {
  if (outcome.kind === "thread") checkThread(outcome, channelRef(outcome.channel, "C0GENERAL"));
  else checkReply(outcome);
}

const names = ["summary", "quote", "penalties", "article", "help", "nope"];

describe("hostile input through the Slack adapter's parsing and renderers", () => {
  it("slash-command text, raw or escaped as Slack sends it: never throws, within limits, nothing fires, quotes exact", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        hostileText(),
        fc.boolean(),
        fc.boolean(),
        async (name, typed, escaped, isModerator) => {
          const payload = {
            command: `/${name}`,
            text: escaped ? escapeMrkdwn(typed) : typed,
            user_id: "U1",
            user_name: "ann",
            channel_id: "C0GENERAL",
          } as SlashCommand;
          const parsed = toInvocation(payload, commands);
          if (!parsed.ok) {
            checkReply({
              kind: "message",
              visibility: "private",
              tone: "error",
              blocks: [{ type: "text", text: parsed.error }],
            });
            return;
          }
          check(await answer(bot, { ...parsed.invocation, isModerator: () => isModerator }));
        },
      ),
      RUNS,
    );
  });

  it("any raw option values: a reply or a short error, rendered safely", () => {
    fc.assert(
      fc.property(commandWithRawOptions(), ({ command, subcommand, options }) => {
        check(run(command, options, { subcommand, platform: "slack" }));
      }),
      RUNS,
    );
  });

  // Anywhere in the article, up to `max` characters (a list item quotes a sentence or so).
  const span = (max: number) =>
    fc
      .tuple(fc.nat(article.text.length), fc.nat(max))
      .map(([start, length]) => ({ start, end: Math.min(article.text.length, start + length) }));
  const quoteBlock = fc
    .tuple(
      fc.constantFrom(...article.quotes),
      fc.array(span(article.text.length), { maxLength: 4 }),
      hostileText(200),
    )
    .map(([q, emphasis, role]) => ({
      type: "quote" as const,
      number: q.number,
      quote: { start: q.start, end: q.end },
      speaker: article.speaker.name,
      role,
      paragraph: q.paragraph,
      provenance: { sentence: { start: q.start, end: q.end }, paragraph: q.paragraph },
      emphasis,
    }));
  const block = fc.oneof(
    hostileText().map((text) => ({ type: "text" as const, text })),
    hostileText(300).map((text) => ({ type: "heading" as const, text })),
    fc
      .tuple(
        fc.boolean(),
        fc.array(fc.record({ text: hostileText(500), quote: fc.option(span(600), { nil: undefined }) }), {
          maxLength: 30,
        }),
      )
      .map(([ordered, items]) => ({ type: "list" as const, ordered, items })),
    quoteBlock,
  );

  it("any reply the renderer may be handed: within limits, nothing fires, our text shown as written", () => {
    fc.assert(
      fc.property(
        fc.record({
          title: fc.option(hostileText(), { nil: undefined }),
          blocks: fc.array(block, { maxLength: 60 }),
          footer: fc.option(hostileText(), { nil: undefined }),
          visibility: fc.constantFrom("public" as const, "private" as const),
        }),
        (fields) => {
          const reply: Reply = { kind: "message", ...fields };
          checkReply(reply);
          // Text blocks lose no character: only the whitespace where a long one was split may differ.
          const shown = renderReply(reply, article)
            .map((m) => visibleText({ ...m }))
            .join("")
            .replace(/\s+/gu, "");
          for (const b of reply.blocks)
            if (b.type === "text") expect(shown).toContain(b.text.replace(/\s+/gu, ""));
        },
      ),
      RUNS,
    );
  });
});
