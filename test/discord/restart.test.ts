import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { article } from "../support/article.js";
import {
  ARTICLE_PARTS,
  articleShownIn,
  postArticle,
  startBotProcess,
  startRegisteredFake,
  statusOf,
} from "../support/discord.js";
import type { RunningProcess } from "../support/running-process.js";

/**
 * The bot killed (SIGKILL: no drain, no last word) between creating a thread and posting into it:
 * the re-run after a restart finds that thread by its title and fills it, rather than leave it
 * empty beside a second one.
 */
let fake: FakeDiscord;
let bot: RunningProcess | undefined;
beforeAll(async () => {
  fake = await startRegisteredFake();
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const MESSAGES = "POST /channels/:channel/messages";

describe("/article post after the bot was killed mid-post", () => {
  it("the re-run adopts the empty thread it left: one thread, every part once", async () => {
    bot = await startBotProcess(fake);
    // The first message is held (then refused) so the kill lands after the thread, before any part.
    fake.failNext({ route: MESSAGES, delayMs: 10_000, status: 500, body: { message: "held", code: 0 } });
    fake.interact({ command: "article", subcommand: "post", as: "moderator" });
    await fake.waitFor(() => fake.threadsCreated().length === 1, "the thread to be created");
    const killed = await bot.stop("SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    const thread = fake.threadsCreated()[0]?.id ?? "";
    expect(fake.messagesIn(thread)).toEqual([]);
    fake.clearFaults();

    bot = await startBotProcess(fake);
    const r = await postArticle(fake);
    expect(statusOf(r)).toMatch(/^Posted/u);
    expect(fake.threadsCreated().map((t) => t.id)).toEqual([thread]);
    expect(articleShownIn(fake, thread)).toBe(article.text.trim());
    // The header and each article part, once each.
    const mine = fake.messagesIn(thread).filter((m) => m.author.bot);
    expect(mine).toHaveLength(1 + ARTICLE_PARTS);
    expect(new Set(mine.map((m) => JSON.stringify(m.body.content ?? m.body.embeds))).size).toBe(mine.length);
    expect(fake.problems).toEqual([]);
  }, 60_000);
});
