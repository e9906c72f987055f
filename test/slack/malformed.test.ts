import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSigned, slashCommandPayload, visibleText } from "../fakes/slack/index.js";
import { type Harness, SECRET, startHarness } from "../support/slack-harness.js";

/**
 * Malformed but correctly signed payloads, through the real HTTP receiver: a form key sent twice
 * (Bolt's body parser makes it an array) or a JSON field that is not text. Each gets one short
 * private answer in the ack, and nothing runs.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness("http");
});
afterAll(() => h.close());

const form = (extra: [string, string][]) => {
  const params = new URLSearchParams(slashCommandPayload({ command: "/penalties" }, h.fake.api));
  for (const [key, value] of extra) params.append(key, value);
  return params.toString();
};

async function send(body: string, contentType?: string) {
  const calls = h.fake.api.calls.length;
  const answer = await postSigned(h.adapter.url ?? "", SECRET, body, contentType ? { contentType } : {});
  return { answer, calls: h.fake.api.calls.slice(calls) };
}

describe("a verified request that is malformed still gets one answer", () => {
  it.each([
    ["text twice", [["text", "private"]], "“text”"],
    ["command twice", [["command", "/summary"]], "“command”"],
    ["user_id twice", [["user_id", "U0OTHER"]], "“user_id”"],
  ] as [string, [string, string][], string][])(
    "%s: a short private note in the ack",
    async (_, extra, field) => {
      const { answer, calls } = await send(form(extra));
      expect(answer.status).toBe(200);
      expect(answer.json?.response_type).toBe("ephemeral");
      const shown = visibleText(answer.json ?? {});
      expect(shown).toContain(field);
      expect(shown).toContain("Nothing was run");
      expect(shown.length).toBeLessThan(200);
      // Nothing ran: no message posted, no response_url used.
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ["a number as the text", { text: 5 }, "“text”"],
    ["an object as the command", { command: { name: "/penalties" } }, "“command”"],
    ["a number as the command", { command: 7 }, "“command”"],
    ["a missing user", { user_id: undefined }, "“user_id”"],
  ])("JSON with %s: a short private note in the ack", async (_, fields, field) => {
    const body = JSON.stringify({ ...slashCommandPayload({ command: "/penalties" }, h.fake.api), ...fields });
    const { answer, calls } = await send(body, "application/json");
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe("ephemeral");
    expect(visibleText(answer.json ?? {})).toContain(field);
    expect(calls).toEqual([]);
  });

  it("a well-formed command after them still runs", async () => {
    const answer = await postSigned(h.adapter.url ?? "", SECRET, form([]));
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe("in_channel");
  });
});
