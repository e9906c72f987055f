import pino from "pino";
import { describe, expect, it } from "vitest";
import { answer, createBot } from "../../src/core/answer.js";
import type { Invocation } from "../../src/core/dispatch.js";
import type { Reply } from "../../src/core/reply.js";
import { Cooldown } from "../../src/runtime/cooldown.js";
import { article, commands } from "../support/article.js";

describe("per-user cooldown", () => {
  it("allows `limit` commands per window, then refuses until the oldest leaves the window", () => {
    let now = 0;
    const cooldown = new Cooldown(2, 10_000, () => now);
    expect(cooldown.take("a")).toBe(true);
    now = 1_000;
    expect(cooldown.take("a")).toBe(true);
    expect(cooldown.take("a")).toBe(false);
    expect(cooldown.waitSeconds("a")).toBe(9);
    expect(cooldown.take("b")).toBe(true);
    now = 10_000;
    expect(cooldown.take("a")).toBe(true);
    expect(cooldown.take("a")).toBe(false);
  });

  it("forgets quiet users so memory does not grow with the number of users", () => {
    let now = 0;
    const cooldown = new Cooldown(5, 1_000, () => now);
    for (let i = 0; i < 1_000; i++) cooldown.take(`user${i}`);
    expect(cooldown.size).toBe(1_000);
    now = 5_000;
    cooldown.take("late");
    expect(cooldown.size).toBe(1);
  });

  it("answers a flooding user with a polite private note, per platform and user", async () => {
    const bot = createBot({
      article,
      commands,
      log: pino({ level: "silent" }),
      cooldown: { commands: 5, seconds: 10 },
    });
    const inv = (user: string, platform: Invocation["platform"] = "discord"): Invocation => ({
      command: "summary",
      options: {},
      user: { id: user },
      isModerator: () => false,
      platform,
    });
    const replies: Reply[] = [];
    for (let i = 0; i < 7; i++) replies.push((await answer(bot, inv("U1"))) as Reply);
    expect(
      replies.slice(0, 5).every((r) => r.visibility === "public" && r.title?.startsWith("Summary")),
    ).toBe(true);
    for (const r of replies.slice(5)) {
      expect(r.visibility).toBe("private");
      expect(r.tone).toBeUndefined();
      expect(JSON.stringify(r.blocks)).toMatch(
        /faster than 5 every 10 seconds\. Please wait \d+ seconds? and try again/u,
      );
    }
    expect(((await answer(bot, inv("U2"))) as Reply).title).toMatch(/^Summary/u);
    expect(((await answer(bot, inv("U1", "slack"))) as Reply).title).toMatch(/^Summary/u);
  });
});
