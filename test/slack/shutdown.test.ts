import { afterEach, describe, expect, it, vi } from "vitest";
import { MEMBER, visibleText } from "../fakes/slack/index.js";
import { faultLines, type Harness, MODERATOR, startHarness } from "../support/slack-harness.js";

/**
 * stop() as SIGTERM calls it: no new commands, running ones finish or are cut short at the
 * deadline with a note saying exactly what was done, then the server or socket closes.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SHORT = { drainMs: 300, noteMs: 1_000 };

/** Starts /article post and resolves once Slack has the parent message. */
async function postingStarted(harness: Harness) {
  const answer = await harness.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
  await harness.fake.api.waitFor(
    (c) => c.responseUrl === answer.responseUrl && /started/u.test(visibleText(c.params)),
  );
  return answer;
}

const lastNote = async (harness: Harness, responseUrl: string) =>
  visibleText(
    (
      await harness.fake.api.waitFor(
        (c) => c.responseUrl === responseUrl && /restarting/u.test(visibleText(c.params)),
      )
    ).params,
  );

describe("stopping the Slack adapter", () => {
  it("cuts a paced thread post short at the deadline and tells the moderator what is and is not posted", async () => {
    h = await startHarness("http", { start: { paceMs: 10_000, shutdown: SHORT } });
    const answer = await postingStarted(h);
    const began = Date.now();
    await h.adapter.stop();
    expect(Date.now() - began).toBeLessThan(SHORT.drainMs + SHORT.noteMs);
    expect(await lastNote(h, answer.responseUrl)).toMatch(
      /^Stopped before article part 1 of 2 in <https:\/\/[^|]+\|the thread>: the bot is restarting\.\nPosted: the header\.\nNot posted: the article \(2 messages\)\.\nWhen the bot is back, run the same `\/article post` again in <#C0GENERAL>: it posts only what is missing\.$/u,
    );
    expect(h.fake.api.messages).toHaveLength(1);
    expect(h.adapter.health?.()).toEqual({ state: "stopped" });
    expect(faultLines(h.logs)).toEqual([
      // The thread-posting core's line: which part it stopped at.
      expect.objectContaining({
        level: 50,
        msg: "thread post cut short by shutdown",
        command: "article post",
        platform: "slack",
        cause: "the bot is stopping (SIGTERM or SIGINT)",
        part: 2,
        of: 3,
      }),
    ]);
  });

  it("says a reply may or may not be in the thread when Slack was still answering for it", async () => {
    h = await startHarness("http", { start: { shutdown: SHORT } });
    h.fake.api.failNext("chat.postMessage", { delayMs: 3_000 }, { when: (p) => p.thread_ts !== undefined });
    // Reply 1 is on its way (Slack takes 3 s to answer) when stop() comes.
    const answer = await postingStarted(h);
    await h.adapter.stop();
    expect(await lastNote(h, answer.responseUrl)).toMatch(
      /^Stopped while posting article part 1 of 2 in <[^>]+>: the bot is restarting\.\nPosted: the header\.\nPerhaps posted \(Slack had not confirmed it\): article part 1 of 2\.\nNot posted: article part 2 of 2\.\nWhen the bot is back, run the same `\/article post` again in <#C0GENERAL>: it posts only what is missing\.$/u,
    );
  });

  it("answers a command that arrives while it stops with a note, and does not run it", async () => {
    h = await startHarness("http", { start: { paceMs: 10_000, shutdown: SHORT } });
    await postingStarted(h);
    const stopping = h.adapter.stop();
    expect(h.adapter.health?.()).toEqual({ state: "stopping" });
    const health = await fetch(new URL("/healthz", h.adapter.url));
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, adapters: { slack: { state: "stopping" } } });

    const late = await h.slack.command("/quote grants");
    expect(late.ack?.response_type).toBe("ephemeral");
    expect(visibleText(late.ack ?? {})).toBe(
      "The bot is restarting, so /quote was not run. Please try again in a minute.",
    );
    await stopping;
    // Closed: nothing listens any more.
    await expect(h.slack.command("/quote grants")).rejects.toThrow();
  });

  it("tells a member whose slow command is cut short that it did not finish", async () => {
    h = await startHarness("http", { start: { ackDeadlineMs: 50, shutdown: SHORT } });
    h.fake.api.failNext("users.info", { delayMs: 3_000 });
    const answer = await h.slack.command("/article", { text: "post", ...MEMBER });
    expect(visibleText(answer.ack ?? {})).toBe("Working on it…");
    await h.adapter.stop();
    expect(await lastNote(h, answer.responseUrl)).toBe(
      "The bot is restarting, so it could not finish /article post. Please try again in a minute.",
    );
    expect(h.fake.api.answersTo(answer.responseUrl)).toHaveLength(2);
  });

  it("lets a command that finishes in time finish, then closes the Socket Mode connection", async () => {
    h = await startHarness("socket", { start: { shutdown: { drainMs: 2_000, noteMs: 500 } } });
    const answer = await h.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    await h.adapter.stop();
    const notes = h.fake.api.answersTo(answer.responseUrl).map((c) => visibleText(c.params));
    expect(notes.at(-1)).toMatch(/^Posted the header and the article \(2 messages\): 3 messages\./u);
    const socket = h.fake.socket;
    await vi.waitFor(() => expect(socket?.open).toBe(0));
    expect(faultLines(h.logs)).toEqual([]);
    expect(h.logs.at(-1)).toMatchObject({ msg: "Slack adapter stopped" });
  });
});

describe("GET /healthz in HTTP mode", () => {
  it("reports every adapter on the commands' port, and is not a command", async () => {
    const others = [
      { name: "discord", stop: async () => {}, health: () => ({ state: "reconnecting" as const }) },
    ];
    let harness: Harness | undefined;
    h = harness = await startHarness("http", {
      start: { adapters: () => [...others, ...(harness ? [harness.adapter] : [])] },
    });
    const url = new URL("/healthz", h.adapter.url);
    const answer = await fetch(url);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(await answer.json()).toEqual({
      ok: false,
      adapters: { discord: { state: "reconnecting" }, slack: { state: "ready" } },
    });
    others.length = 0;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(new URL("/healthz", h.adapter.url), { method: "POST" })).status).toBe(404);
    expect(h.fake.api.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });
});
