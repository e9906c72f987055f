/**
 * Two replicas of the Discord adapter in HTTP interactions mode behind one endpoint, sharing one
 * real Redis (REDIS_URL): the /article post preview shown by one is posted by the other when the
 * Post press reaches it, once, and a second press on the first hears it was already decided.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SharedSeams } from "../../src/core/answer.js";
import { lazyRedis, redisSeams, type SharedRedis } from "../../src/state/redis/index.js";
import { SeenInMemory } from "../../src/state/seen-memory.js";
import { buttonsOf, press } from "../fakes/discord/components.js";
import { ARTICLE_PARTS, statusOf } from "../support/discord.js";
import { type HttpHarness, startHttpHarness } from "../support/discord-http.js";
import { startRedis } from "../support/redis-server.js";

const started = await startRedis();
const server = "server" in started ? started.server : undefined;
const suite = server ? describe : describe.skip;
const FINAL = /^(Posted|Everything|Could not|Stopped)/u;

suite("Discord HTTP interactions on two replicas sharing Redis", () => {
  const redis: SharedRedis[] = [];
  const replicas: HttpHarness[] = [];
  /** Each replica has its own connection to Redis, as separate processes would. */
  const shared = async (): Promise<SharedSeams> => {
    const connection = lazyRedis({ url: server?.url ?? "" }, pino({ level: "silent" }));
    redis.push(connection);
    // As main.ts does: until it is connected, previews would wait in this process alone.
    expect(await connection.connected(5_000)).toBe(true);
    return redisSeams(connection, new SeenInMemory());
  };
  beforeAll(async () => {
    const [one, two] = [await shared(), await shared()];
    const first = await startHttpHarness({ adjust: (bot) => ({ ...bot, sharedPending: one.pending }) });
    replicas.push(first);
    replicas.push(
      await startHttpHarness({ adjust: (bot) => ({ ...bot, sharedPending: two.pending }) }, first),
    );
  });
  afterAll(async () => {
    for (const r of [...replicas].reverse()) await r.close();
    for (const c of redis) await c.close();
    await server?.destroy();
  });

  it("a preview shown by one replica is posted by the other, once", async () => {
    const [a, b] = replicas as [HttpHarness, HttpHarness];
    a.http.to(a.url);
    const r = await a.fake
      .interact({
        command: "article",
        subcommand: "post",
        as: "moderator",
        options: { title: "Two replicas" },
      })
      .until((x) => buttonsOf(x.original).length === 2, "the preview");
    const post = buttonsOf(r.original).find((x) => x.label === "Post")?.custom_id ?? "";

    b.http.to(b.url);
    const pressed = await press(a.fake, r, { customId: post }).answered();
    expect(pressed.response?.type).toBe(7);
    expect(b.http.answers.find((x) => x.interaction === pressed.id)?.endpoint).toBe(b.url);
    await a.fake.waitFor(() => FINAL.test(statusOf(r)), "the final status");
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    const threads = a.fake.threadsCreated().filter((t) => t.name === "Two replicas");
    expect(threads).toHaveLength(1);
    expect(a.fake.messagesIn(threads[0]?.id ?? "")).toHaveLength(ARTICLE_PARTS + 1);

    a.http.to(a.url);
    const again = await press(a.fake, r, { customId: post, unchecked: true }).answered();
    expect(again.response?.type).toBe(4);
    expect(String(again.response?.data?.content)).toMatch(/already/iu);
    expect(a.fake.threadsCreated().filter((t) => t.name === "Two replicas")).toHaveLength(1);
    expect(a.fake.problems).toEqual([]);
  });
});
