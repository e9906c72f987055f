/**
 * Each shared seam against a real redis-server, as two replicas see it: two instances, each on its
 * own connection, agree on requests seen, locks held, previews taken and the cooldown.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SharedSeams } from "../../../src/core/answer.js";
import { lazyRedis, redisSeams, type SharedRedis } from "../../../src/state/redis/index.js";
import { SeenInMemory } from "../../../src/state/seen-memory.js";
import { type RedisServer, startRedis } from "../../support/redis-server.js";
import { pendingEntry as entry } from "./entry.js";

const started = await startRedis();
const server = "server" in started ? started.server : undefined;
const suite = server ? describe : describe.skip;

const log = pino({ level: "silent" });

suite("shared state on a real Redis, seen by two replicas", () => {
  const connections: SharedRedis[] = [];
  let a: SharedSeams;
  let b: SharedSeams;
  let n = 0;
  const unique = (what: string) => `${what}-${process.pid}-${++n}`;
  const replica = async (lockTtlMs = 30_000) => {
    const redis = lazyRedis({ url: (server as RedisServer).url }, log);
    connections.push(redis);
    expect(await redis.connected(5_000)).toBe(true);
    return { redis, seams: redisSeams(redis, new SeenInMemory(), { ttlMs: lockTtlMs }) };
  };

  beforeAll(async () => {
    a = (await replica()).seams;
    b = (await replica()).seams;
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await server?.destroy();
  });

  it("a request seen by one replica is seen by the other, and forgotten after its ttl", async () => {
    const key = unique("req");
    expect(await a.seen.seen(key, 60_000)).toBe(false);
    expect(await b.seen.seen(key, 60_000)).toBe(true);
    expect(await a.seen.seen(key, 60_000)).toBe(true);
    const short = unique("short");
    expect(await a.seen.seen(short, 30)).toBe(false);
    await until(async () => !(await b.seen.seen(short, 60_000)));
  });

  it("a lock held by one replica refuses the other until released, and only its holder releases it", async () => {
    const key = unique("channel");
    const release = await a.posts.take(key);
    expect(release).toBeTypeOf("function");
    expect(await b.posts.take(key)).toBeUndefined();
    expect(await a.posts.take(key)).toBeUndefined();
    release?.();
    const other = await until(() => b.posts.take(key));
    // A second release by the first holder must not free the lock the other now holds.
    release?.();
    expect(await a.posts.take(key)).toBeUndefined();
    other();
  });

  it("a lock whose holder died expires after its ttl; a live holder keeps it by renewing", async () => {
    const holder = await replica(300);
    const key = unique("channel");
    const kept = unique("channel");
    expect(await holder.seams.posts.take(key)).toBeTypeOf("function");
    const alive = await replica(300);
    const renewing = await alive.seams.posts.take(kept);
    expect(renewing).toBeTypeOf("function");
    // The holder's process goes away: no release, no renewal.
    holder.redis.client().disconnect();
    const later = await until(() => b.posts.take(key));
    // Held well past its ttl by renewal, so the other replica is still refused.
    expect(await b.posts.take(kept)).toBeUndefined();
    later();
    renewing?.();
  });

  it("a preview put by one replica is taken once across both, by its owner only", async () => {
    const id = unique("preview");
    const now = Date.now();
    await a.pending.put(id, entry("U1", now + 60_000));
    expect(await b.pending.take(id, "U2", now)).toEqual({
      kind: "notOwner",
      owner: { id: "U1", name: "name-U1" },
    });
    const [first, second] = await Promise.all([a.pending.take(id, "U1", now), b.pending.take(id, "U1", now)]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(["alreadyTaken", "taken"]);
    const taken = first.kind === "taken" ? first : second;
    expect(taken).toEqual({ kind: "taken", entry: entry("U1", now + 60_000) });
    expect(await a.pending.drop(id)).toBe(false);
  });

  it("a preview expires for every replica, and one dropped is no longer taken", async () => {
    const late = unique("preview");
    const now = Date.now();
    await a.pending.put(late, entry("U1", now + 1_000));
    expect(await b.pending.take(late, "U1", now + 1_000)).toEqual({ kind: "expired" });
    expect(await a.pending.take(late, "U1", now)).toEqual({ kind: "expired" });
    const dropped = unique("preview");
    await b.pending.put(dropped, entry("U1", now + 60_000));
    expect(await a.pending.drop(dropped)).toBe(true);
    expect(await b.pending.take(dropped, "U1", now)).toEqual({ kind: "expired" });
    expect(await b.pending.take(unique("never"), "U1", now)).toEqual({ kind: "expired" });
  });

  it("the cooldown counts a user's commands on both replicas together", async () => {
    const user = unique("slack:U");
    const onA = a.cooldown(3, 60_000);
    const onB = b.cooldown(3, 60_000);
    expect(await onA.consume(user)).toBe(0);
    expect(await onB.consume(user)).toBe(0);
    expect(await onA.consume(user)).toBe(0);
    const wait = await onB.consume(user);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await onA.consume(user)).toBeGreaterThan(0);
    expect(await onA.consume(unique("slack:U"))).toBe(0);
  });

  it("a cooldown window under a second still ends (Redis counts whole seconds)", async () => {
    const user = unique("slack:U");
    const short = a.cooldown(1, 200);
    expect(await short.consume(user)).toBe(0);
    expect(await b.cooldown(1, 200).consume(user)).toBe(1);
    await until(async () => (await short.consume(user)) === 0);
  });
});

/** Polls `probe` until it gives something truthy (a few seconds at most). */
async function until<T>(probe: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + 5_000;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
