import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeenInMemory } from "../../src/adapters/slack/replay.js";
import { postSigned, signature, slashCommandPayload, visibleText } from "../fakes/slack/index.js";
import { type Harness, MODERATOR, SECRET, startHarness, useHarness } from "../support/slack-harness.js";

/** A request Slack retries, or a signed body sent again within the signature window, runs once. */
describe("HTTP mode: retries and replays", () => {
  let h: Harness;
  beforeAll(async () => {
    // A channel of its own for each case, so that each post is a new thread (not a resumed one).
    const channels = Object.fromEntries(CHANNELS.map((id) => [id, { name: id.toLowerCase() }]));
    h = await startHarness("http", { fake: { channels } });
  });
  afterAll(() => h.close());

  const CHANNELS = ["C0ONE", "C0TWO", "C0THREE"];
  let next = 0;
  const articlePost = () => {
    const channel = CHANNELS[next++] ?? "";
    const text = `post confirm:false <#${channel}|${channel.toLowerCase()}>`;
    return new URLSearchParams(
      slashCommandPayload({ command: "/article", text, ...MODERATOR }, h.fake.api),
    ).toString();
  };

  it.each([
    ["the same signed request resent", () => ({})],
    [
      "a retry carrying X-Slack-Retry-Num",
      () => ({ headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } }),
    ],
    // Slack signs a retry anew under a later timestamp; the body is the same.
    [
      "a retry re-signed under a new timestamp",
      (body: string) => {
        const timestamp = Math.floor(Date.now() / 1000) + 2;
        return {
          timestamp,
          signature: signature(SECRET, timestamp, body),
          headers: { "x-slack-retry-num": "2" },
        };
      },
    ],
  ] as [string, (body: string) => Parameters<typeof postSigned>[3]][])(
    "%s: acked with an empty 200, and one thread is posted",
    async (_, resend) => {
      const before = h.fake.api.messages.length;
      const body = articlePost();
      const responseUrl = new URLSearchParams(body).get("response_url") ?? "";
      const first = await postSigned(h.adapter.url ?? "", SECRET, body);
      expect(visibleText(first.json ?? {})).toContain("Posting “");
      const again = await postSigned(h.adapter.url ?? "", SECRET, body, resend(body));
      expect(again.status).toBe(200);
      expect(again.body).toBe("");
      await h.fake.api.waitFor(
        (c) => c.responseUrl === responseUrl && visibleText(c.params).startsWith("Posted "),
      );
      expect(h.fake.api.messages.length - before).toBe(3);
      expect(h.logs.filter((l) => l.msg === "ignored a repeated Slack request").length).toBeGreaterThan(0);
    },
  );

  it("runs two different commands with the same text both", async () => {
    const a = await h.slack.command("/penalties");
    const b = await h.slack.command("/penalties");
    expect(a.ack?.response_type).toBe("in_channel");
    expect(b.ack?.response_type).toBe("in_channel");
  });
});

describe("Socket Mode: a retried envelope", () => {
  const h = useHarness("socket");

  it("is acked without running again", async () => {
    const socket = h.fake.socket;
    if (!socket) throw new Error("no socket fake");
    const payload = slashCommandPayload(
      { command: "/article", text: "post confirm:false", ...MODERATOR },
      h.fake.api,
    );
    const first = await socket.slashCommand(payload);
    expect(visibleText(first.payload ?? {})).toContain("Posting “");
    const retried = await socket.slashCommand(payload, 3_000, { retry_attempt: 1, retry_reason: "timeout" });
    expect(retried.payload ?? {}).toEqual({});
    await h.fake.api.waitFor(
      (c) => c.responseUrl === payload.response_url && visibleText(c.params).startsWith("Posted "),
    );
    expect(h.fake.api.messages).toHaveLength(3);
  });
});

describe("SeenInMemory", () => {
  it("forgets a key after its time, and stays within its bound", () => {
    let now = 0;
    const seen = new SeenInMemory(3, () => now);
    expect(seen.seen("a", 100)).toBe(false);
    expect(seen.seen("a", 100)).toBe(true);
    now = 101;
    expect(seen.seen("a", 100)).toBe(false);
    for (const k of ["b", "c", "d", "e"]) seen.seen(k, 100);
    expect(seen.size).toBe(3);
    expect(seen.seen("e", 100)).toBe(true);
  });
});
