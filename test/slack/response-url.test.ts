import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSlackHook } from "../../src/adapters/slack/respond.js";
import { visibleText } from "../fakes/slack/index.js";
import { type Harness, MODERATOR, startHarness } from "../support/slack-harness.js";

/** A signed request cannot make the bot POST to a host of its choosing through response_url. */
let h: Harness;
let elsewhere: Server;
let hits = 0;
beforeAll(async () => {
  h = await startHarness("http");
  elsewhere = createServer((_, res) => {
    hits++;
    res.end("ok");
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await h.close();
  elsewhere.closeAllConnections();
  await new Promise((resolve) => elsewhere.close(resolve));
});

describe("response_url outside Slack", () => {
  it("is never followed: the notes of /article post go through chat.postEphemeral, logged once", async () => {
    // Another port on the same machine: a different host:port than SLACK_API_URL's.
    const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/commands/T0/1/secret`;
    const lines = h.logs.length;
    const answer = await h.slack.command("/article", {
      text: "post confirm:false",
      ...MODERATOR,
      response_url: url,
    });
    expect(visibleText(answer.ack ?? {})).toContain("Posting “");
    const done = await h.fake.api.waitFor(
      (c) => c.method === "chat.postEphemeral" && visibleText(c.params).startsWith("Posted "),
    );
    expect(done.params.user).toBe(MODERATOR.user_id);
    expect(hits).toBe(0);
    expect(
      h.logs
        .slice(lines)
        .filter((l) => Number(l.level) >= 40)
        .map((l) => l.msg),
    ).toEqual(["not following a response_url outside Slack"]);
  });
});

describe("isSlackHook", () => {
  const trusted = isSlackHook("http://127.0.0.1:4000/api/");
  it.each([
    ["https://hooks.slack.com/commands/T0/1/x", true],
    ["http://127.0.0.1:4000/response/T0/1/x", true],
    ["http://hooks.slack.com/commands/T0/1/x", false],
    ["https://hooks.slack.com.evil.test/commands/T0/1/x", false],
    ["https://evil.test@hooks.slack.com/commands", false],
    ["https://user:pw@hooks.slack.com/commands", false],
    ["http://127.0.0.1:4001/response/T0/1/x", false],
    ["https://example.com/", false],
    ["not a url", false],
    [["https://hooks.slack.com/a", "https://example.com"], false],
  ])("%s → %s", (url, expected) => {
    expect(trusted(url)).toBe(expected);
  });
});
