import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderReply } from "../../src/adapters/discord/render/reply.js";
import { renderThread, threadName } from "../../src/adapters/discord/render/thread.js";
import { threadBody } from "../../src/adapters/discord/thread/create.js";
import { messageBody } from "../../src/adapters/discord/thread/sink.js";
import type { Outcome } from "../../src/core/reply.js";
import { clip } from "../../src/render/pack.js";
import type { InteractionRecord, InteractSpec } from "../fakes/discord/index.js";
import { blockQuotes, liveMentions, plain } from "../fakes/discord/markdown.js";
import { VALIDATORS } from "../fakes/discord/validate.js";
import { hostileText, RUNS } from "../support/arbitraries.js";
import { article, run } from "../support/article.js";
import { useHarness } from "../support/discord.js";

/**
 * Hostile option values (any Unicode, lone surrogates, markdown, mentions, 0 to 10,000 characters)
 * through the whole Discord path: the fake sends them as INTERACTION_CREATE to the real
 * discord.js client (as a modified client could, past the limits Discord's own client keeps),
 * the adapter makes an invocation of them, the commands answer and the renderer shapes the reply.
 * The fake checks every body it receives against Discord's schemas and limits and records
 * anything wrong as a problem. Thread posts, which Discord paces at 50 requests a second, are
 * checked in process with the same validators.
 */
const h = useHarness();

const slice = (s: { start: number; end: number }) => article.text.slice(s.start, s.end);
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

const bool = fc.boolean();
const REPLIES: fc.Arbitrary<{ command: string; options: Record<string, string | boolean> }> = fc.oneof(
  fc.record({
    command: fc.constant("quote"),
    options: fc.record({ topic: hostileText(), private: bool }, { requiredKeys: [] }),
  }),
  fc.record({
    command: fc.constant("summary"),
    options: fc.record(
      { length: fc.oneof(fc.constantFrom("short", "full"), hostileText(200)), private: bool },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    command: fc.constant("penalties"),
    options: fc.record({ private: bool }, { requiredKeys: [] }),
  }),
  fc.constant({ command: "help", options: {} }),
);

/** Everything the bot sent for an interaction, once all of it has arrived. */
async function answer(spec: InteractSpec, messages: number): Promise<InteractionRecord> {
  const handle = h.fake.interact({ ...spec, unchecked: true });
  await handle.answered();
  return handle.until((r) => 1 + r.followUps.length >= messages, `${messages} messages`);
}

interface Embed {
  title?: string;
  description?: string;
}
const bodiesOf = (r: InteractionRecord) => [r.response?.data ?? {}, ...r.followUps];
const textsOf = (r: InteractionRecord) =>
  bodiesOf(r).flatMap((b) => [
    String(b.content ?? ""),
    ...((b.embeds ?? []) as Embed[]).flatMap((e) => [e.title ?? "", e.description ?? ""]),
  ]);

/** Every quote block and every quoted list item of `outcome`, as the article has it. */
function articleWords(outcome: Outcome): { blocks: string[]; items: string[] } {
  if (outcome.kind !== "message") return { blocks: [], items: [] };
  return {
    blocks: outcome.blocks.flatMap((b) => (b.type === "quote" ? [slice(b.quote)] : [])),
    items: outcome.blocks.flatMap((b) =>
      b.type === "list" ? b.items.flatMap((i) => (i.quote ? [slice(i.quote)] : [])) : [],
    ),
  };
}

describe("hostile options through discord.js, the adapter and the Discord renderer", () => {
  it("every command: one valid answer, the renderer's, no live mention, every quote verbatim", async () => {
    await fc.assert(
      fc.asyncProperty(REPLIES, async ({ command, options }) => {
        const problems = h.fake.problems.length;
        const outcome = run(command, options);
        const expected = renderReply(outcome as Extract<Outcome, { kind: "message" }>, article);
        const r = await answer({ command, options }, expected.length);
        expect(h.fake.problems.slice(problems)).toEqual([]);
        expect(r.callbacks).toBe(1);
        expect(bodiesOf(r).map((b) => b.embeds)).toEqual(expected);
        for (const text of textsOf(r)) expect(liveMentions(text)).toEqual([]);
        const words = articleWords(outcome);
        const shown = bodiesOf(r).flatMap((b) => (b.embeds as Embed[]).map((e) => e.description ?? ""));
        expect(blockQuotes(shown.join("\n")).map(plain)).toEqual(words.blocks);
        for (const w of words.items) expect(plain(shown.join("\n"))).toContain(w);
      }),
      RUNS,
    );
  }, 120_000);

  it("autocomplete: whatever is typed, at most 25 valid choices", async () => {
    // Discord's client stops typing at the option's 100 characters; ten times that is hostile
    // enough, and keeps the search over 1,000 runs quick.
    await fc.assert(
      fc.asyncProperty(hostileText(1_000), async (typed) => {
        const problems = h.fake.problems.length;
        const r = await h.fake
          .interact({ command: "quote", options: { topic: typed }, focused: "topic" })
          .answered();
        expect(h.fake.problems.slice(problems)).toEqual([]);
        expect(r.response?.type).toBe(8);
        expect((r.response?.data?.choices as unknown[] | undefined)?.length).toBeLessThanOrEqual(25);
      }),
      RUNS,
    );
  }, 120_000);

  it("/article post from a member an admin let in: refused privately, whatever the options", async () => {
    const channels = [h.fake.state.ids.general, h.fake.state.ids.news];
    await fc.assert(
      fc.asyncProperty(
        fc.record({ title: hostileText(), channel: fc.constantFrom(...channels) }, { requiredKeys: [] }),
        fc.constantFrom(h.fake.state.ids.general, h.fake.state.ids.thread),
        async (options, channelId) => {
          const problems = h.fake.problems.length;
          const spec = { command: "article", subcommand: "post", options, channelId, as: "member" } as const;
          const r = await answer({ ...spec, overridden: true }, 1);
          expect(h.fake.problems.slice(problems)).toEqual([]);
          expect(r.callbacks).toBe(1);
          expect(plain(textsOf(r).join("\n"))).toContain("Only moderators can run /article post.");
          for (const text of textsOf(r)) expect(liveMentions(text)).toEqual([]);
        },
      ),
      RUNS,
    );
  }, 120_000);
});

describe("hostile /article post options through the thread renderer", () => {
  const validMessage = VALIDATORS["POST /channels/:channel/messages"];
  const validThread = VALIDATORS["POST /channels/:channel/threads"];

  it("every message and the thread itself pass Discord's checks; the article is there verbatim", () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(0, 5), (title, type) => {
        const outcome = run("article", { title }, { subcommand: "post", platform: "discord" });
        if (outcome.kind !== "thread") return;
        const name = threadName(outcome);
        const thread = threadBody({ name, type: type as never });
        expect(validThread?.(thread, { noMentions: true })).toEqual([]);
        if (wellFormed(title)) expect(wellFormed(name)).toBe(true);
        const parts = renderThread(outcome, article);
        for (const [i, part] of parts.entries()) {
          const body = messageBody(part, `1234567890123456789:${i}`);
          expect(validMessage?.(body, { noMentions: true })).toEqual([]);
          expect(liveMentions(String(body.content ?? ""))).toEqual([]);
        }
        const text = parts
          .filter((p) => p.kind === "article")
          .map((p) => plain(String(p.message.content).replace(/\n\n-# .*$/su, "")));
        expect(text.join("\n\n")).toBe(article.text.trim());
      }),
      RUNS,
    );
  });

  it("clips without splitting an emoji in two", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.integer({ min: 2, max: 120 }),
        (s, max) => {
          const clipped = clip(s, max);
          expect(clipped.length).toBeLessThanOrEqual(max);
          expect(wellFormed(clipped)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
