import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MEMBER, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { faultLines, type Harness, startHarness } from "../support/slack-harness.js";

/** Socket Mode when Slack recycles or loses the connection: the bot reconnects at once and keeps answering. */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const grants = article.text.slice(article.quotes[2]?.start, article.quotes[2]?.end);

async function answered(harness: Harness): Promise<void> {
  const { ack } = await harness.slack.command("/quote grants");
  expect(ack?.response_type).toBe("in_channel");
  expect(visibleBlocks(ack ?? {})).toContain(grants);
}

describe("Socket Mode reconnection", () => {
  it.each([
    ["refresh_requested", 30, "Slack is refreshing the connection"],
    ["warning", 30, "Slack will close the connection shortly"],
    ["link_disabled", 40, expect.stringMatching(/^Slack says Socket Mode was turned off for the app/u)],
  ])(
    "reconnects when Slack sends disconnect (%s), then answers the next command",
    async (reason, level, cause) => {
      h = await startHarness("socket");
      const socket = h.fake.socket;
      if (!socket) throw new Error("no Socket Mode fake");
      socket.disconnect(reason);
      await socket.connected(2);
      await answered(h);
      expect(h.fake.api.callsTo("apps.connections.open")).toHaveLength(2);
      expect(h.adapter.health?.()).toEqual({ state: "ready" });
      // One line for the request (info, or warn for link_disabled) and one for the reconnection; no errors.
      const lines = h.logs.filter((l) => Number(l.level) >= 30 && l.component !== "bolt");
      expect(lines.slice(1)).toEqual([
        expect.objectContaining({
          level,
          msg: "Slack asked the bot to reconnect; reconnecting",
          reason,
          cause,
        }),
        expect.objectContaining({ level: 30, msg: "Socket Mode reconnected", attempts: 1 }),
      ]);
      expect(h.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    },
  );

  it("reconnects when the connection drops without a word, and says so in one warning", async () => {
    h = await startHarness("socket");
    const socket = h.fake.socket;
    if (!socket) throw new Error("no Socket Mode fake");
    socket.drop();
    await socket.connected(2);
    await answered(h);
    expect(faultLines(h.logs)).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "Socket Mode connection lost; reconnecting",
        platform: "slack",
        cause: "the connection closed unexpectedly",
      }),
    ]);
  });

  it("keeps trying, backing off, while Slack refuses a new connection, and reports reconnecting meanwhile", async () => {
    h = await startHarness("socket", { start: { reconnect: { retryDelayMs: 50 } } });
    const socket = h.fake.socket;
    if (!socket) throw new Error("no Socket Mode fake");
    h.fake.api.failNext("apps.connections.open", { error: "ratelimited" }, { times: 2 });
    socket.drop();
    await h.fake.api.waitFor((c) => c.method === "apps.connections.open" && c.fault !== undefined);
    expect(h.adapter.health?.()).toEqual({ state: "reconnecting", detail: "connection lost" });
    await socket.connected(2);
    await answered(h);
    expect(h.fake.api.callsTo("apps.connections.open").map((c) => c.response)).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, error: "ratelimited" },
      { ok: false, error: "ratelimited" },
      expect.objectContaining({ ok: true }),
    ]);
    const failed = faultLines(h.logs).filter((l) => l.msg === "Socket Mode reconnect failed; trying again");
    expect(failed.map((l) => [l.attempt, l.retryInMs, l.cause])).toEqual([
      [1, 50, "Slack is rate-limiting the bot (ratelimited)"],
      [2, 100, "Slack is rate-limiting the bot (ratelimited)"],
    ]);
    expect(h.logs.filter((l) => l.component !== "bolt").at(-1)).toMatchObject({
      msg: "Socket Mode reconnected",
      attempts: 3,
    });
  });

  it("sends the answer through response_url when the connection drops before the ack", async () => {
    // The admin check takes 300 ms; the connection is gone by the time the answer is ready, and
    // (reconnecting only after a second here) not yet back.
    h = await startHarness("socket", { start: { reconnect: { firstDelayMs: 1_000 } } });
    const socket = h.fake.socket;
    if (!socket) throw new Error("no Socket Mode fake");
    h.fake.api.failNext("users.info", { delayMs: 300 });
    // The fake gives up waiting for the ack after 3 s; nothing more to learn from that.
    h.slack.command("/article", { text: "post", ...MEMBER }).catch(() => {});
    await sleep(100);
    socket.drop();
    const answer = await h.fake.api.waitFor((c) => c.method === "response_url");
    expect(visibleText(answer.params)).toContain(
      "Only moderators can run /article post. Nothing was posted.",
    );
    expect(answer.params.response_type).toBe("ephemeral");
    const harness = h;
    await vi.waitFor(() => expect(faultLines(harness.logs)).toHaveLength(2));
    expect(faultLines(h.logs)).toEqual([
      expect.objectContaining({ msg: "Socket Mode connection lost; reconnecting" }),
      expect.objectContaining({
        level: 40,
        msg: "sent the answer through response_url instead",
        command: "article post",
        platform: "slack",
        cause: expect.stringMatching(/^the ack failed \(/u),
      }),
    ]);
    expect(socket.acks).toEqual([]);
    await socket.connected(2);
  });
});
