import { afterEach, describe, expect, it } from "vitest";
import { visibleText } from "../fakes/slack/index.js";
import { type BotProcess, startBotProcess } from "../support/slack-process.js";

/**
 * SIGTERM and SIGINT on the real process: it stops taking commands (one arriving meanwhile gets a
 * note), lets running ones finish or says what they did, closes the server or socket, exits 0
 * within 5 seconds. HTTP mode reports all this at GET /healthz on PORT.
 */
let running: BotProcess | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const MODERATOR = { user_id: "U0MOD", user_name: "mod" };
/**
 * Signals the bot; once it logs "stopping", `late` sends a command that must get the restart note.
 * Resolves when the process has exited, checking it exited 0 within 5 seconds of the signal.
 */
async function stopWith(signal: NodeJS.Signals, bot: BotProcess["bot"], late: () => Promise<void>) {
  const signalled = Date.now();
  const stopped = bot.stop(signal);
  await bot.waitForLog((l) => l.msg === "stopping");
  await late();
  const finished = await stopped;
  expect(finished.code).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(5_000);
}

/** A command sent while the bot stops: answered privately that it was not run. */
async function refusedWhileStopping(slack: BotProcess["slack"], name: string) {
  const late = await slack.command(`/${name}`);
  expect(late.ack?.response_type).toBe("ephemeral");
  expect(visibleText(late.ack ?? {})).toBe(
    `The bot is restarting, so /${name} was not run. Please try again in a minute.`,
  );
}

const lastNote = (fake: BotProcess["fake"], responseUrl: string) =>
  fake.api
    .answersTo(responseUrl)
    .map((c) => visibleText(c.params))
    .at(-1);

const healthz = async (url: string | undefined) => {
  const answer = await fetch(new URL("/healthz", url));
  return { status: answer.status, body: await answer.json() };
};

describe("the real process stopping", () => {
  it("SIGTERM in HTTP mode: /healthz says stopping, a late command gets a note, a stuck thread post says what is up, exit 0", async () => {
    running = await startBotProcess("http");
    const { bot, fake, slack, url } = running;
    expect(await healthz(url)).toEqual({
      status: 200,
      body: { ok: true, adapters: { slack: { state: "ready" } } },
    });

    // Slack asks the bot to wait 30 s before reply 1: the post cannot finish before the bot must exit.
    fake.api.failNext(
      "chat.postMessage",
      { status: 429, retryAfter: 30 },
      { when: (p) => p.thread_ts !== undefined },
    );
    const post = await slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    await bot.waitForLog((l) => l.msg === "waiting as Slack asked before posting");

    await stopWith("SIGTERM", bot, async () => {
      expect(await healthz(url)).toEqual({
        status: 503,
        body: { ok: false, adapters: { slack: { state: "stopping" } } },
      });
      await refusedWhileStopping(slack, "penalties");
    });
    expect(lastNote(fake, post.responseUrl)).toMatch(
      /^Stopped before article part 1 of 2 in <https:\/\/[^|]+\|the thread>: the bot is restarting\.\nPosted: the header\.\nNot posted: the article \(2 messages\)\.\nWhen the bot is back, run the same `\/article post` again in <#C0GENERAL>: it posts only what is missing\.$/u,
    );
    expect(fake.api.messages).toHaveLength(1);
    expect(bot.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["thread post cut short by shutdown", "Slack adapter stopped", "stopped"]),
    );
    await expect(fetch(new URL("/healthz", url))).rejects.toThrow();
  }, 30_000);

  it("SIGINT in Socket Mode: the thread being posted finishes, a late command gets a note, the socket closes, exit 0", async () => {
    running = await startBotProcess("socket");
    const { bot, fake, slack } = running;
    const socket = fake.socket;
    // Paced at one message a second, the parent and two replies take about two seconds.
    const post = await slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    await fake.api.waitFor((c) => c.method === "chat.postMessage");

    await stopWith("SIGINT", bot, () => refusedWhileStopping(slack, "summary"));
    expect(lastNote(fake, post.responseUrl)).toMatch(
      /^Posted the header and the article \(2 messages\): 3 messages\./u,
    );
    expect(fake.api.messages).toHaveLength(3);
    expect(socket?.open).toBe(0);
    expect(bot.logs.filter((l) => Number(l.level) >= 40)).toEqual([]);
  }, 30_000);
});
