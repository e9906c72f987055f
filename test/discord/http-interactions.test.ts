import { describe, expect, it } from "vitest";
import { quotesShown, shownText } from "../support/discord.js";
import { useHttpHarness } from "../support/discord-http.js";

/**
 * Discord HTTP interactions: the real discord.js (never logged in) behind the bot's HTTP server,
 * the fake Discord signing and POSTing each interaction, its REST taking everything after the
 * first answer.
 */
const h = useHttpHarness();
const CALLBACK = "POST /interactions/:interaction/:token/callback";

/** A command payload as Discord would send it, not yet sent. */
const payload = () => JSON.stringify(h.fake.payloadFor({ command: "quote", options: { topic: "grants" } }));
const now = () => Math.floor(Date.now() / 1000);

describe("Discord HTTP interactions", () => {
  it("answers PING with PONG", async () => {
    const body = JSON.stringify({ id: "1", token: "t", type: 1, application_id: h.fake.state.applicationId });
    expect(await h.http.post(body, h.http.sign(body))).toEqual({ status: 200, body: { type: 1 } });
  });

  it("answers /quote grants in the HTTP response: no callback request reaches Discord", async () => {
    const r = await h.fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
    expect(r.response?.type).toBe(4);
    expect(shownText(r)).toMatch(/grant/iu);
    expect(quotesShown(r).length).toBeGreaterThan(0);
    expect(h.http.answers.find((a) => a.interaction === r.id)?.status).toBe(200);
    expect(h.fake.requestsTo(CALLBACK)).toEqual([]);
  });

  it("gives every member who asks the same question the same answer, and each other question its own", async () => {
    const ask = async (options: Record<string, string | boolean>, userId: string) =>
      (await h.fake.interact({ command: "quote", options, userId }).answered()).response;
    const first = await ask({ topic: "grants" }, "100000000000000001");
    const privately = await ask({ topic: "grants", private: true }, "100000000000000002");
    const other = await ask({ topic: "claw back" }, "100000000000000003");
    const again = await ask({ topic: "grants" }, "100000000000000004");
    expect([first?.type, again?.type]).toEqual([4, 4]);
    expect(again?.data).toEqual(first?.data);
    expect(first?.data?.flags ?? 0).toBe(0);
    // The private answer: the same embeds, seen only by who asked.
    expect(privately?.data).toEqual({ ...first?.data, flags: 64 });
    expect(other?.data?.embeds).not.toEqual(first?.data?.embeds);
    expect(JSON.stringify(other?.data?.embeds)).toMatch(/claw/iu);
  });

  it("answers autocomplete in the HTTP response", async () => {
    const r = await h.fake
      .interact({ command: "quote", options: { topic: "gra" }, focused: "topic" })
      .answered();
    expect(r.response?.type).toBe(8);
    const choices = (r.response?.data?.choices ?? []) as { name: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(h.fake.requestsTo(CALLBACK)).toEqual([]);
  });

  it.each<[string, (body: string) => Record<string, string>]>([
    ["a signature of another body", (body) => h.http.sign(`${body} `)],
    ["no signature headers", () => ({})],
    ["a timestamp and no signature", () => ({ "x-signature-timestamp": String(now()) })],
    [
      "a signature that is not hex",
      (body) => ({ ...h.http.sign(body), "x-signature-ed25519": "zz".repeat(64) }),
    ],
    ["a signature too short", (body) => ({ ...h.http.sign(body), "x-signature-ed25519": "ab".repeat(32) })],
    [
      "a timestamp that is not a number",
      (body) => ({ ...h.http.sign(body), "x-signature-timestamp": "soon" }),
    ],
    ["a stale timestamp (6 minutes old)", (body) => h.http.sign(body, now() - 360)],
    ["a future timestamp (6 minutes ahead)", (body) => h.http.sign(body, now() + 360)],
    [
      "another timestamp than the one signed",
      (body) => ({ ...h.http.sign(body, now() - 1), "x-signature-timestamp": String(now()) }),
    ],
  ])("refuses %s with 401, running nothing", async (_, headers) => {
    const body = payload();
    const before = h.fake.requests.length;
    const answer = await h.http.post(body, headers(body));
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: expect.stringMatching(/^invalid request signature/u) });
    expect(h.fake.requests.length).toBe(before);
  });

  it("accepts a signature 4 minutes old (within Discord's 5)", async () => {
    const body = JSON.stringify({ id: "1", token: "t", type: 1 });
    expect((await h.http.post(body, h.http.sign(body, now() - 240))).status).toBe(200);
  });

  it("refuses a body over the limit with 413, before checking anything else", async () => {
    const body = JSON.stringify({ type: 1, padding: "x".repeat(200_000) });
    const answer = await h.http.post(body, h.http.sign(body));
    expect(answer.status).toBe(413);
  });

  it.each(["GET", "PUT"])("refuses %s with 405", async (method) => {
    const answer = await h.http.post("{}", {}, method);
    expect(answer.status).toBe(405);
  });

  it.each([
    ["garbage", "{not json"],
    ["JSON that is not an interaction", '["type", 1]'],
    ["an interaction without its token", JSON.stringify({ id: "1", type: 2 })],
    [
      "an interaction discord.js cannot read",
      JSON.stringify({ id: "1", token: "t", type: 2, data: { type: 1, name: "quote" } }),
    ],
  ])("answers %s with a good signature with 400", async (_, body) => {
    const answer = await h.http.post(body, h.http.sign(body));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });

  it("acknowledges a kind of interaction discord.js does not know, so Discord does not fail it", async () => {
    const body = JSON.stringify({ ...JSON.parse(payload()), data: { name: "quote", type: 99 } });
    expect(await h.http.post(body, h.http.sign(body))).toEqual({
      status: 200,
      body: { type: 5, data: { flags: 64 } },
    });
  });

  it("never contacts the gateway, and reports itself ready", () => {
    expect(h.fake.gateway.connections).toEqual([]);
    expect(h.fake.requestsTo("GET /gateway/bot")).toEqual([]);
    expect(h.bot.health()).toEqual({ state: "ready", detail: "HTTP interactions" });
  });
});
