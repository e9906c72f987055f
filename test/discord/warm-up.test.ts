/**
 * The start-up warm-up as an operator's bot does it (`node dist/src/main.js`, Discord, against the
 * fake): with an added article in its database, the bot loads and runs the added-article builder
 * once after "bot started" and says so in its log, and still answers; with none, it loads none of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { startBotProcess, startRegisteredFake } from "../support/discord.js";
import { cleanEnv, runProcess } from "../support/process.js";

const WARMED = "added-article builder loaded";
const dir = mkdtempSync(join(tmpdir(), "warm-up-"));
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startRegisteredFake();
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the start-up warm-up of the added-article builder", () => {
  it("runs once after start when the database holds an added article, and the bot answers", async () => {
    const STATE_DIR = join(dir, "with-article");
    const added = await runProcess(
      process.execPath,
      ["dist/scripts/article.js", "add", "test/article/pages/buzzfeed-1/source.html"],
      "",
      { env: cleanEnv({ STATE_DIR }) },
    );
    expect(added).toMatchObject({ code: 0, stderr: "" });
    const bot = await startBotProcess(fake, { STATE_DIR });
    try {
      await bot.waitForLog((l) => l.msg === WARMED, 30_000);
      const r = await fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
      expect(r.response?.type).toBe(4);
      expect(bot.logs.filter((l) => l.msg === WARMED)).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it("loads none of it when nothing was added", async () => {
    const bot = await startBotProcess(fake, { STATE_DIR: join(dir, "empty"), LOG_LEVEL: "debug" });
    try {
      await bot.waitForLog(
        (l) => l.msg === "no added articles: the added-article builder loads on first use",
      );
      const r = await fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
      expect(r.response?.type).toBe(4);
      expect(bot.logs.map((l) => l.msg)).not.toContain(WARMED);
    } finally {
      await bot.stop();
    }
  });
});
