import { setTimeout as sleep } from "node:timers/promises";
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
 * The bot as an operator runs it (`node dist/src/main.js`, Discord only, HEALTH_PORT set) against
 * the fake: GET /healthz follows the gateway, and SIGTERM or SIGINT stops it within 5 seconds,
 * answering new commands with "restarting", finishing what is in flight, and telling a moderator
 * whose thread post could not finish exactly what is and is not in the thread.
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startRegisteredFake();
});
afterAll(() => fake?.close());

const MESSAGES = "POST /channels/:channel/messages";

async function startBot(): Promise<{ bot: RunningProcess; healthz: () => Promise<Response> }> {
  const bot = await startBotProcess(fake, { HEALTH_PORT: "0" });
  const { port } = await bot.waitForLog((l) => l.msg === "health endpoint at GET /healthz");
  return { bot, healthz: () => fetch(`http://127.0.0.1:${port}/healthz`) };
}

async function healthUntil(healthz: () => Promise<Response>, status: number): Promise<unknown> {
  for (let i = 0; i < 500; i++) {
    const res = await healthz();
    if (res.status === status) return res.json();
    await sleep(10);
  }
  throw new Error(`GET /healthz never answered ${status}`);
}

/** A command sent while the bot stops gets a clear, private "restarting". */
async function expectRestartingAnswer(): Promise<void> {
  const r = await fake.interact({ command: "summary" }).answered();
  expect(r.response?.data).toMatchObject({
    content: "The bot is restarting. Please try again in a minute.",
    flags: 64,
  });
}

describe("the bot as a process: health and stopping", () => {
  it("GET /healthz: ready, then not ready while the gateway reconnects", async () => {
    const { bot, healthz } = await startBot();
    try {
      expect(await healthUntil(healthz, 200)).toEqual({
        ok: true,
        adapters: { discord: { state: "ready" } },
      });
      const release = fake.gateway.hold();
      fake.gateway.close(4000);
      expect(await healthUntil(healthz, 503)).toMatchObject({
        ok: false,
        adapters: { discord: { state: "reconnecting" } },
      });
      release();
      await healthUntil(healthz, 200);
      const r = await fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
      expect(r.response?.type).toBe(4);
    } finally {
      expect((await bot.stop("SIGTERM")).code).toBe(0);
    }
  });

  it("SIGTERM mid-post: new commands hear 'restarting', the moderator learns what is in the thread, exit 0 within 5 s; a re-run finishes it", async () => {
    const { bot, healthz } = await startBot();
    // Discord is slow today: every message takes 2 seconds, so the post cannot finish in time.
    fake.failNext({ route: MESSAGES, delayMs: 2_000, times: 20 });
    const title = "Stopped part-way";
    const post = fake.interact({
      command: "article",
      subcommand: "post",
      as: "moderator",
      options: { title, confirm: false },
    });
    await post.until((r) => /^Posting 1 of/u.test(statusOf(r)), "the first message on its way");
    const signalled = Date.now();
    const stopped = bot.stop("SIGTERM");
    await bot.waitForLog((l) => l.msg === "stopping");
    await expectRestartingAnswer();
    expect(await healthUntil(healthz, 503)).toMatchObject({ adapters: { discord: { state: "stopping" } } });
    const posts = fake.requestsTo(MESSAGES).length;
    const run = await stopped;
    expect(run.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(fake.gateway.ready).toBe(false);

    const thread = [...fake.state.channels.values()].find((c) => c.name === title)?.id ?? "";
    const status = statusOf(post.record);
    expect(status).toMatch(
      new RegExp(
        `^Stopped (while posting|before) .+ in <#${thread}>: the bot is restarting\\.\\n(.+\\n)+When the bot is back, run /article post inside <#${thread}>: it posts only what is missing\\.$`,
        "u",
      ),
    );
    const errors = bot.logs.filter((l) => Number(l.level) >= 50);
    expect(errors).toMatchObject([
      { msg: "thread post cut short by shutdown", platform: "discord", command: "article post" },
    ]);
    expect(bot.logs.map((l) => l.msg)).not.toContain("connection to the Discord gateway lost; reconnecting");
    expect(run.stderr).not.toContain(fake.token);

    // Back up, the moderator runs it again inside the thread: only what is missing is posted.
    fake.clearFaults();
    // The message Discord was slow to confirm lands after all.
    await fake.waitFor(() => fake.requestsTo(MESSAGES).length > posts, "the slow message");
    const again = await startBot();
    try {
      const r = await postArticle(fake, { channelId: thread });
      expect(statusOf(r)).toMatch(/^(Posted .+, which (was|were) missing|Everything is already in)/u);
      expect(articleShownIn(fake, thread)).toBe(article.text.trim());
    } finally {
      await again.bot.stop("SIGTERM");
    }
    expect(fake.problems).toEqual([]);
  }, 30_000);

  it("SIGINT: finishes the post in flight, answers newcomers 'restarting', disconnects, exits 0", async () => {
    const { bot } = await startBot();
    fake.failNext({ route: MESSAGES, delayMs: 300, times: 20 });
    const thread = fake.startThread("Finishes in time");
    const post = fake.interact({
      command: "article",
      subcommand: "post",
      as: "moderator",
      channelId: thread,
      options: { confirm: false },
    });
    await post.answered();
    const signalled = Date.now();
    const stopped = bot.stop("SIGINT");
    await bot.waitForLog((l) => l.msg === "stopping");
    await expectRestartingAnswer();
    const run = await stopped;
    expect(run.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(statusOf(post.record)).toMatch(/^Posted the header and the article/u);
    expect(articleShownIn(fake, thread)).toBe(article.text.trim());
    expect(fake.gateway.ready).toBe(false);
    expect(fake.problems).toEqual([]);
  }, 20_000);
});

describe("/article post after the bot was killed mid-post", () => {
  // SIGKILL: no drain, no last word. The re-run after a restart finds the thread by its title and
  // fills it, rather than leave it empty beside a second one.
  it("the re-run adopts the empty thread it left: one thread, every part once", async () => {
    const title = "Killed mid-post";
    const first = await startBotProcess(fake);
    // The first message is held (then refused) so the kill lands after the thread, before any part.
    fake.failNext({
      route: "POST /channels/:channel/messages",
      delayMs: 10_000,
      status: 500,
      body: { message: "held", code: 0 },
    });
    fake.interact({
      command: "article",
      subcommand: "post",
      as: "moderator",
      options: { title, confirm: false },
    });
    const made = () => fake.threadsCreated().filter((t) => t.name === title);
    await fake.waitFor(() => made().length === 1, "the thread to be created");
    expect((await first.stop("SIGKILL")).signal).toBe("SIGKILL");
    const thread = made()[0]?.id ?? "";
    expect(fake.messagesIn(thread)).toEqual([]);
    fake.clearFaults();

    const second = await startBotProcess(fake);
    try {
      const r = await postArticle(fake, { options: { title } });
      expect(statusOf(r)).toMatch(/^Posted/u);
      expect(made().map((t) => t.id)).toEqual([thread]);
      expect(articleShownIn(fake, thread)).toBe(article.text.trim());
      // The header and each article part, once each.
      const mine = fake.messagesIn(thread).filter((m) => m.author.bot);
      expect(mine).toHaveLength(1 + ARTICLE_PARTS);
      expect(new Set(mine.map((m) => JSON.stringify(m.body.content ?? m.body.embeds))).size).toBe(
        mine.length,
      );
    } finally {
      await second.stop();
    }
    expect(fake.problems).toEqual([]);
  }, 60_000);
});
