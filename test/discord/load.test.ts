import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../src/adapters/discord/render/reply.js";
import type { FakeDiscord, InteractSpec } from "../fakes/discord/index.js";
import { article, run } from "../support/article.js";
import { burstDeadlineMs } from "../support/deadline.js";
import { isEphemeral, startBotProcess, startRegisteredFake } from "../support/discord.js";

/**
 * The real process under a burst: the fake sends 1,000 INTERACTION_CREATE events at once, and
 * every one must be answered exactly once, with the right answer. Under `npm run soak` each must
 * also arrive inside Discord's 3 seconds as the fake measures it (it refuses a late answer and
 * records a problem); in `npm test` the deadline is lifted (see support/deadline.ts). Then, with
 * the cooldown on as it is by default, one member flooding gets a polite private note instead of
 * answers that would flood the channel.
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startRegisteredFake({ interactionDeadlineMs: burstDeadlineMs });
});
afterAll(() => fake?.close());

const startBot = (env: Record<string, string> = {}) => startBotProcess(fake, env);

type Case = { spec: InteractSpec; expected: unknown };

/** Commands a busy server sends, each with the exact answer it must get. */
const CASES: Case[] = [
  ...(
    [
      ["quote", { topic: "grants" }],
      ["quote", { topic: "grnts" }],
      ["quote", { topic: "pizza" }],
      ["quote", {}],
      ["summary", {}],
      ["summary", { length: "full", private: true }],
      ["penalties", {}],
      ["help", {}],
    ] as const
  ).map(([command, options]) => ({
    spec: { command, options },
    expected: { embeds: renderReply(run(command, options) as never, article)[0] },
  })),
  {
    spec: { command: "quote", options: { topic: "gra" }, focused: "topic" },
    expected: { choices: article.search.suggest("gra").map((n) => ({ name: n, value: n })) },
  },
];

describe("a burst of 1,000 interactions against the real process", () => {
  it(`answers every one once, correctly, within ${burstDeadlineMs.toLocaleString("en-US")} ms`, async () => {
    const bot = await startBot({ COOLDOWN_COMMANDS: "0" });
    try {
      const sent = Array.from({ length: 1_000 }, (_, i) => {
        const c = CASES[i % CASES.length] as Case;
        return { c, handle: fake.interact(c.spec) };
      });
      const records = await Promise.all(sent.map((s) => s.handle.answered()));
      for (const [i, r] of records.entries()) {
        expect(r.callbacks).toBe(1);
        expect(r.response?.data).toMatchObject(sent[i]?.c.expected as object);
        expect((r.response?.at ?? Number.POSITIVE_INFINITY) - r.dispatchedAt).toBeLessThan(burstDeadlineMs);
      }
      expect(fake.problems).toEqual([]);
      expect(bot.logs.filter((l) => Number(l.level) >= 40)).toEqual([]);
    } finally {
      expect((await bot.stop()).code).toBe(0);
    }
  }, 60_000);
});

describe("the cooldown, on by default", () => {
  it("answers a member who floods with a private note; the channel gets five answers, others are not held up", async () => {
    const bot = await startBot();
    try {
      const flood = await Promise.all(
        Array.from({ length: 8 }, () =>
          fake.interact({ command: "quote", options: { topic: "grants" } }).answered(),
        ),
      );
      const shown = flood.filter((r) => !isEphemeral(r));
      const notes = flood.filter(isEphemeral);
      expect(shown).toHaveLength(5);
      expect(notes).toHaveLength(3);
      for (const r of notes)
        expect(JSON.stringify(r.response?.data?.embeds)).toMatch(
          /You are sending commands faster than 5 every 10 seconds\. Please wait \d+ seconds? and try again\./u,
        );
      const other = await fake
        .interact({ command: "quote", options: { topic: "grants" }, as: "admin" })
        .answered();
      expect(isEphemeral(other)).toBe(false);
      expect(fake.problems).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
