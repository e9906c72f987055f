import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "../fakes/discord/index.js";
import { shardOf } from "../fakes/discord/shards.js";

/**
 * The fake gateway's sharding, checked with a bare WebSocket client: what it advertises, which
 * IDENTIFY shards it refuses and with which of Discord's close codes, and which guilds each shard
 * is told of. (shards.test.ts runs the real bot's shard processes against it.)
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 4 });
});
afterAll(() => fake?.close());

interface Frame {
  op: number;
  t?: string;
  d?: Record<string, unknown>;
}

/** Connects, identifies as `shard` (left out when undefined) and collects frames until closed or `until`. */
async function identify(shard: unknown, until?: (frames: Frame[]) => boolean) {
  const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const done = new Promise<{ code: number; frames: Frame[] }>((resolve) => {
    socket.on("close", (code) => resolve({ code, frames }));
    socket.on("message", (data) => {
      frames.push(JSON.parse(String(data)) as Frame);
      if (until?.(frames)) {
        resolve({ code: 0, frames });
        socket.close(1000);
      }
    });
  });
  await once(socket, "open");
  socket.send(
    JSON.stringify({
      op: 2,
      d: { token: fake.token, intents: 1, properties: {}, ...(shard ? { shard } : {}) },
    }),
  );
  return done;
}

const guildCreates = (frames: Frame[]) => frames.filter((f) => f.t === "GUILD_CREATE").map((f) => f.d?.id);

describe("the fake gateway, sharded", () => {
  it("advertises its shards and max_concurrency at GET /gateway/bot", async () => {
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(await res.json()).toMatchObject({ shards: 2, session_start_limit: { max_concurrency: 4 } });
  });

  it.each([
    ["fewer shards than it needs", [0, 1], 4011],
    ["no shard at all", undefined, 4011],
    ["an id outside the count", [2, 2], 4010],
    ["a negative id", [-1, 2], 4010],
    ["a malformed pair", ["0", 2], 4010],
  ])("refuses %s with Discord's close code", async (_, shard, code) => {
    expect((await identify(shard)).code).toBe(code);
  });

  it("tells each shard of its own guilds only (READY and GUILD_CREATE)", async () => {
    const first = fake.state.guildId;
    const other = fake.state.addGuild({ id: 1 - shardOf(first, 2), count: 2 }).guildId;
    const onShard = (id: number) => (shardOf(first, 2) === id ? first : other);
    for (const id of [0, 1]) {
      const { frames } = await identify([id, 2], (f) => f.some((x) => x.t === "GUILD_CREATE"));
      const ready = frames.find((f) => f.t === "READY")?.d;
      expect(ready?.shard).toEqual([id, 2]);
      expect(ready?.guilds).toEqual([{ id: onShard(id), unavailable: true }]);
      expect(guildCreates(frames)).toEqual([onShard(id)]);
    }
    // More shards than advertised is allowed (Discord only sets the least); guilds spread over them.
    const { frames } = await identify([3, 4], (f) => f.some((x) => x.t === "READY"));
    expect(frames.find((f) => f.t === "READY")?.d?.guilds).toEqual(
      [first, other].filter((g) => shardOf(g, 4) === 3).map((id) => ({ id, unavailable: true })),
    );
  });
});
