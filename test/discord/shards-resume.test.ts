import { beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../fakes/discord/gateway.js";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { postArticle, statusOf } from "../support/discord.js";
import { healthUntil, pidOf, quoted, quoteIn, startSharded, useTwoShards } from "../support/shards.js";

/**
 * A shard process killed outright is respawned and RESUMEs the session it had (the manager keeps
 * each shard's session as the shard reports it): what Discord sent that shard while it was down is
 * replayed and answered once, and no new IDENTIFY is spent. When Discord has dropped the session
 * meanwhile (op 9, not resumable), the new process identifies afresh and goes on. A manager
 * killed with all its shards starts again with fresh sessions: it keeps none anywhere but memory.
 */
const h = useTwoShards({ DISCORD_SHARDS: "2" });
/**
 * The shard the test kills: the one the fake's first guild is on (the fake lists active threads
 * for that guild alone, which /article post reads), and that guild's text channel.
 */
let shard: number;
let channel: string;
let fake: FakeDiscord;
beforeAll(() => {
  ({ fake, first: shard } = h);
  channel = h.channels[shard] ?? "";
});

/** Each IDENTIFY the fake received for the shard, in order. */
const identifies = (): Connection[] =>
  fake.gateway.connections.filter((c) => (c.identify?.shard as number[] | undefined)?.[0] === shard);

const nextConnection = () =>
  new Promise<Connection>((resolve) => fake.gateway.once("connection", (c: Connection) => resolve(c)));

/**
 * Kills the shard's process and holds its successor's connection before HELLO, so the test can
 * act while the shard is down; the returned function lets the connection go on.
 */
async function killShard(): Promise<{ connection: Connection; release: () => void }> {
  const release = fake.gateway.hold();
  const connected = nextConnection();
  process.kill(pidOf(h.sharded.bot, shard), "SIGKILL");
  return { connection: await connected, release };
}

describe("DISCORD_SHARDS: a respawned shard resumes its session", () => {
  it("kill -9 of a shard: the new process RESUMEs the old session, and a command sent meanwhile is answered once", async () => {
    expect((await quoteIn(fake, channel)).shard).toBe(shard);
    const session = fake.gateway.sessionId(shard);
    const identified = identifies().length;

    const { connection, release } = await killShard();
    // Sent while the shard has no connection: Discord keeps it for the session.
    const missed = fake.interact({ command: "quote", options: { topic: "grants" }, channelId: channel });
    expect(missed.record.shard).toBe(shard);
    release();

    quoted(await missed.answered());
    expect(connection.resume?.session_id).toBe(session);
    expect(connection.identify).toBeUndefined();
    expect(identifies()).toHaveLength(identified);
    expect(fake.gateway.sessionId(shard)).toBe(session);
    await h.sharded.bot.waitForLog((l) => l.msg === "gateway session resumed" && l.shard === shard);
    await healthUntil(h.sharded, 200);
    expect((await quoteIn(fake, channel)).shard).toBe(shard);
    // A resumed shard has no GUILD_CREATE of its guilds: /article post still finds its channel.
    const post = await postArticle(fake, { channelId: channel, options: { title: "After a resume" } });
    expect(post.shard).toBe(shard);
    expect(statusOf(post)).toMatch(/^Posted the header and the article/u);
    expect(fake.problems).toEqual([]);
  }, 30_000);

  it("a session Discord no longer knows (op 9): the new process identifies afresh and answers", async () => {
    const session = fake.gateway.sessionId(shard);
    const identified = identifies().length;
    const { connection, release } = await killShard();
    fake.gateway.invalidateSession(false, shard);
    const again = new Promise((resolve) => fake.gateway.once("identify", resolve));
    release();
    await again;

    expect(connection.resume?.session_id).toBe(session);
    expect(identifies()).toHaveLength(identified + 1);
    expect(fake.gateway.sessionId(shard)).not.toBe(session);
    await healthUntil(h.sharded, 200);
    expect((await quoteIn(fake, channel)).shard).toBe(shard);
    expect(fake.problems).toEqual([]);
  }, 30_000);

  it("the manager killed with all its shards: started again, its shard identifies afresh", async () => {
    await h.sharded.bot.stop("SIGKILL");
    const from = fake.gateway.connections.length;
    // That shard alone this time (the slice a second machine would run): one process to start, not two.
    h.sharded = await startSharded(fake, { DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: String(shard) });
    await healthUntil(h.sharded, 200);
    const since = fake.gateway.connections.slice(from);
    expect(since.filter((c) => c.resume)).toEqual([]);
    expect(since.map((c) => (c.identify?.shard as number[] | undefined)?.[0])).toEqual([shard]);
    expect((await quoteIn(fake, channel)).shard).toBe(shard);
    expect(fake.problems).toEqual([]);
  }, 60_000);
});
