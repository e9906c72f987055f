import { describe, expect, it } from "vitest";
import { postSigned, slashCommandPayload, visibleText } from "../fakes/slack/index.js";
import { SECRET, useHarness } from "../support/slack-harness.js";

/** A 3.9 MB `/penalties` (a paste gone wrong) is one short private answer, on either transport. */
const HUGE = "x ".repeat(1_950_000);

describe("HTTP mode: a 3.9 MB command", () => {
  const h = useHarness("http");

  it("gets one short private answer in the ack, and nothing else is sent", async () => {
    const body = new URLSearchParams(
      slashCommandPayload({ command: "/penalties", text: HUGE }, h.fake.api),
    ).toString();
    expect(body.length).toBeGreaterThan(3_900_000);
    const calls = h.fake.api.calls.length;
    const answer = await postSigned(h.adapter.url ?? "", SECRET, body);
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe("ephemeral");
    const shown = visibleText(answer.json ?? {});
    expect(shown).toMatch(
      /^That command was [\d,]+ KB; commands take at most 2,000 characters of text\. Nothing was run\.$/u,
    );
    expect(answer.body.length).toBeLessThan(500);
    expect(h.fake.api.calls.slice(calls)).toEqual([]);
  });

  it("unsigned, it is refused with Bolt's 401", async () => {
    const body = `command=%2Fpenalties&text=${"x".repeat(100_000)}`;
    const answer = await postSigned(h.adapter.url ?? "", "the-wrong-secret-0123456789", body);
    expect(answer.status).toBe(401);
  });

  it("over Bolt's 4 MB limit, 413", async () => {
    const answer = await postSigned(h.adapter.url ?? "", SECRET, `text=${"x".repeat(4 * 1024 * 1024)}`);
    expect(answer.status).toBe(413);
  });
});

describe("Socket Mode: a 3.9 MB command", () => {
  const h = useHarness("socket");

  it("gets one short private answer, and nothing else is sent", async () => {
    const sent = await h.slack.command("/penalties", { text: HUGE });
    expect(sent.ack?.response_type).toBe("ephemeral");
    const shown = visibleText(sent.ack ?? {});
    expect(shown).toContain("characters after /penalties; commands take at most 2,000");
    expect(JSON.stringify(sent.ack).length).toBeLessThan(1_000);
    // Only the ack: no response_url post, no Web API message.
    expect(h.fake.api.answersTo(sent.responseUrl).map((c) => c.method)).toEqual(["ack"]);
  });
});
