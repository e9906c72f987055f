import { inflateSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FakeDiscord, Permission } from "../fakes/discord/index.js";

/** The fake is what the other Discord tests trust: it must refuse what Discord refuses. */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake?.close());
afterEach(() => {
  fake.problems.length = 0;
});

const send = (method: string, path: string, body?: unknown, auth = true) =>
  fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { "content-type": "application/json", ...(auth ? { authorization: `Bot ${fake.token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const thread = () => fake.state.ids.thread;
const none = { parse: [] };

describe("the fake Discord's REST API", () => {
  it("accepts a valid message and records it", async () => {
    const res = await send("POST", `/channels/${thread()}/messages`, {
      content: "hi",
      allowed_mentions: none,
    });
    expect(res.status).toBe(200);
    expect(fake.messagesIn(thread()).at(-1)?.body.content).toBe("hi");
    expect(fake.problems).toEqual([]);
  });

  it.each([
    ["content over 2,000 characters", { content: "x".repeat(2001), allowed_mentions: none }, "content"],
    [
      "embeds over 6,000 characters in total",
      {
        embeds: [{ description: "x".repeat(4000) }, { description: "y".repeat(2001) }],
        allowed_mentions: none,
      },
      "embeds",
    ],
    [
      "an embed title over 256 characters (from the spec)",
      { embeds: [{ title: "t".repeat(257) }], allowed_mentions: none },
      "embeds",
    ],
    ["no allowed_mentions", { content: "hello @everyone" }, "allowed_mentions"],
    [
      "allowed_mentions that pings",
      { content: "hi", allowed_mentions: { parse: ["everyone"] } },
      "allowed_mentions",
    ],
  ])("answers 400 (50035) to %s, and records it as a problem", async (_what, body, field) => {
    const res = await send("POST", `/channels/${thread()}/messages`, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { code: number; errors: Record<string, unknown> };
    expect(answer.code).toBe(50035);
    expect(Object.keys(answer.errors)).toContain(field);
    expect(fake.problems).toEqual([
      expect.objectContaining({ kind: "invalid-body", route: "POST /channels/:channel/messages" }),
    ]);
  });

  it("answers 50006 to an empty message", async () => {
    const res = await send("POST", `/channels/${thread()}/messages`, { allowed_mentions: none });
    expect(((await res.json()) as { code: number }).code).toBe(50006);
  });

  it("refuses requests without the bot token, and routes it does not know", async () => {
    expect((await send("GET", "/gateway/bot", undefined, false)).status).toBe(401);
    expect((await send("GET", "/guilds/1/bans")).status).toBe(404);
    expect(fake.problems.map((p) => p.kind)).toEqual(["unauthorized", "unknown-route"]);
  });

  it("creates private threads unless told otherwise, as Discord does", async () => {
    const res = await send("POST", `/channels/${fake.state.ids.general}/threads`, { name: "x" });
    expect(((await res.json()) as { type: number }).type).toBe(12);
  });

  it("creates (an upsert by name), edits, lists and deletes application commands", async () => {
    const base = `/applications/${fake.state.applicationId}/commands`;
    const body = { name: "ping", description: "Ping", type: 1 };
    const created = (await (await send("POST", base, body)).json()) as { id: string };
    const again = await send("POST", base, { ...body, description: "Ping again" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    await send("PATCH", `${base}/${created.id}`, { description: "Pong" });
    const listed = (await (await send("GET", base)).json()) as { description: string }[];
    expect(listed.map((c) => c.description)).toEqual(["Pong"]);
    expect((await send("DELETE", `${base}/${created.id}`)).status).toBe(204);
    expect(await (await send("GET", base)).json()).toEqual([]);
    expect((await send("POST", base, { name: "Bad Name", description: "x" })).status).toBe(400);
  });

  it("reads a channel's history newest first, a page at a time, and nothing without Read Message History", async () => {
    const channel = fake.startThread("History");
    for (let i = 1; i <= 5; i++) fake.say(channel, `m${i}`);
    const page = async (query: string) =>
      (
        (await (await send("GET", `/channels/${channel}/messages?${query}`)).json()) as { content: string }[]
      ).map((m) => m.content);
    expect(await page("limit=2")).toEqual(["m5", "m4"]);
    const ids = fake.messagesIn(channel).map((m) => m.id);
    expect(await page(`limit=2&before=${ids[3]}`)).toEqual(["m3", "m2"]);
    expect(await page(`limit=2&after=${ids[0]}`)).toEqual(["m3", "m2"]);
    expect((await send("GET", `/channels/${channel}/messages?limit=101`)).status).toBe(400);
    fake.denyBot(channel, Permission.READ_MESSAGE_HISTORY);
    expect(await page("limit=100")).toEqual([]);
  });

  it("lists the guild's active threads", async () => {
    const id = fake.startThread("Active");
    const res = await send("GET", `/guilds/${fake.state.guildId}/threads/active`);
    const { threads } = (await res.json()) as { threads: { id: string }[] };
    expect(threads.map((t) => t.id)).toContain(id);
  });

  it("answers the next matching request with an injected fault, headers included", async () => {
    fake.failNext({
      route: "POST /channels/:channel/messages",
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 1.5, global: false },
      headers: { "retry-after": "2", "x-ratelimit-scope": "user" },
    });
    const limited = await send("POST", `/channels/${thread()}/messages`, {
      content: "a",
      allowed_mentions: none,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    const next = await send("POST", `/channels/${thread()}/messages`, {
      content: "b",
      allowed_mentions: none,
    });
    expect(next.status).toBe(200);
    expect(fake.requestsTo("POST /channels/:channel/messages").at(-2)?.fault).toBe(true);
  });
});

/** A bare gateway client, to check the protocol without discord.js in between. */
function connect(query: string) {
  const ws = new WebSocket(`${fake.gatewayUrl}?${query}`);
  const received: { op: number; t?: string; s?: number; d: Record<string, unknown> }[] = [];
  const zlib: Buffer[] = [];
  ws.on("message", (data: Buffer, binary) => {
    if (!binary) received.push(JSON.parse(data.toString()));
    else {
      zlib.push(data);
      // zlib-stream: the whole stream so far inflates to every payload so far.
      const text = inflateSync(Buffer.concat(zlib), { finishFlush: 2 }).toString();
      received.length = 0;
      for (const json of text.split(/(?<=\})(?=\{"op")/u)) received.push(JSON.parse(json));
    }
  });
  return { ws, received };
}

const poll = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("the fake Discord's gateway", () => {
  it("speaks zlib-stream when asked, and refuses privileged intents (4014)", async () => {
    const client = connect("v=10&encoding=json&compress=zlib-stream");
    await poll(() => client.received.some((p) => p.op === 10));
    const closed = new Promise<number>((resolve) => client.ws.on("close", (code) => resolve(code)));
    client.ws.send(
      JSON.stringify({ op: 2, d: { token: fake.token, intents: 1 | (1 << 15), properties: {} } }),
    );
    expect(await closed).toBe(4014);
  });

  it("sends READY then GUILD_CREATE, acknowledges heartbeats, and replays missed events on RESUME", async () => {
    const first = connect("v=10&encoding=json");
    await poll(() => first.received.some((p) => p.op === 10));
    first.ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } }));
    await poll(() => first.received.some((p) => p.t === "GUILD_CREATE"));
    expect(first.received.filter((p) => p.op === 0).map((p) => p.t)).toEqual(["READY", "GUILD_CREATE"]);
    first.ws.send(JSON.stringify({ op: 1, d: 2 }));
    await poll(() => first.received.some((p) => p.op === 11));

    const session = first.received.find((p) => p.t === "READY")?.d.session_id;
    fake.gateway.close(1006);
    await poll(() => !fake.gateway.ready);
    fake.gateway.dispatch("THREAD_CREATE", { id: "1" });

    const second = connect("v=10&encoding=json");
    await poll(() => second.received.some((p) => p.op === 10));
    second.ws.send(JSON.stringify({ op: 6, d: { token: fake.token, session_id: session, seq: 2 } }));
    await poll(() => second.received.some((p) => p.t === "RESUMED"));
    expect(second.received.filter((p) => p.op === 0).map((p) => `${p.s} ${p.t}`)).toEqual([
      "3 THREAD_CREATE",
      "4 RESUMED",
    ]);
    second.ws.close();
  });

  it("holds new connections before HELLO while a test needs a reconnect to take its time", async () => {
    const release = fake.gateway.hold();
    const client = connect("v=10&encoding=json");
    await new Promise((resolve) => client.ws.on("open", resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.received).toEqual([]);
    release();
    await poll(() => client.received.some((p) => p.op === 10));
    client.ws.close();
  });
});
