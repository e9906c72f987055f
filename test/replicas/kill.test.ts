/**
 * One of three replicas killed with SIGKILL (no drain, no last word) while it posts a thread and a
 * stream of commands from many users runs through the round-robin proxy: every command sent after
 * it died is answered by the other two, its post lock in Redis expires (REDIS_LOCK_SECONDS), and
 * a re-run of the post on another replica resumes the half-posted thread with nothing lost or
 * duplicated, byte for byte.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOT, type RecordedCall, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { type Cluster, engines, MODERATOR, startCluster, until } from "./cluster.js";

const servers = await engines();
const suite = servers ? describe : describe.skip;
const LOCK_SECONDS = 2;
const CHANNEL = "C0KILL";
const USERS = 25;
const WORKERS = 4;
/** Commands the survivors must answer after the kill before the stream stops. */
const AFTER_KILL = 60;

interface Sent {
  body: string;
  sentAt: number;
  status: number;
  text: string;
}

/** `workers` loops sending `/quote grants` through the proxy, each from the next of USERS users. */
function commandStream(cluster: Cluster, workers = WORKERS) {
  const sent: Sent[] = [];
  let running = true;
  let n = 0;
  const worker = async () => {
    while (running) {
      const { body } = cluster.command("/quote", "grants", `U0LOAD${n++ % USERS}`);
      const sentAt = performance.now();
      const answer = await cluster.send(body).catch(() => ({ status: 0, json: undefined }));
      sent.push({ body, sentAt, status: answer.status, text: visibleText(answer.json ?? {}) });
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    sent,
    async stop() {
      running = false;
      await done;
      return sent;
    },
  };
}

suite("a replica killed with SIGKILL under load, mid-post", () => {
  let cluster: Cluster;
  let redis: Redis;
  beforeAll(async () => {
    if (!servers) return;
    const env = { COOLDOWN_COMMANDS: "1000", REDIS_LOCK_SECONDS: String(LOCK_SECONDS) };
    cluster = await startCluster(servers, { env, channels: [CHANNEL] });
    redis = new Redis(servers.redis.url);
  }, 60_000);
  afterAll(async () => {
    await redis?.quit();
    await cluster?.close();
    await servers?.stop();
  });

  it("the others answer every later command, and a re-run resumes the thread: every part once", async () => {
    const { api } = cluster;
    const ours = () => api.messages.filter((m) => m.user === FAKE_BOT.userId && m.channel === CHANNEL);
    const stream = commandStream(cluster);
    const post = cluster.command("/article", "post confirm:false", MODERATOR, CHANNEL);
    expect((await cluster.send(post.body)).status).toBe(200);
    const victim = cluster.proxy.served.find((s) => s.body === post.body)?.upstream ?? -1;
    const dying = cluster.replicas[victim];
    expect(dying).toBeDefined();

    // The parent and the first reply are in; the second is a second away (Slack's pace). Kill it.
    const reply = (c: RecordedCall) => c.params.channel === CHANNEL && c.params.thread_ts !== undefined;
    await api.waitFor((c) => c.method === "chat.postMessage" && reply(c), 10_000);
    const killed = await dying?.bot.stop("SIGKILL");
    expect(killed?.signal).toBe("SIGKILL");
    const deadAt = performance.now();
    expect(ours().map((m) => m.thread_ts === undefined)).toEqual([true, false]);
    // Its lock outlives it, for REDIS_LOCK_SECONDS at most.
    const locks = await redis.keys("bot:lock:*");
    expect(locks).toHaveLength(1);
    const ttl = await redis.pttl(locks[0] ?? "");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LOCK_SECONDS * 1000);

    await until(() => stream.sent.filter((s) => s.sentAt > deadAt).length >= AFTER_KILL, 20_000);
    const sent = await stream.stop();
    const upstream = new Map(cluster.proxy.served.map((s) => [s.body, s.upstream]));
    const before = sent.filter((s) => s.sentAt < deadAt);
    const after = sent.filter((s) => s.sentAt > deadAt);
    // Before the kill the stream reached all three; only what was in flight to the victim as it
    // died failed (a 502 from the proxy: at most one per worker). After it, the other two answered
    // every command.
    const answered = before.filter((s) => s.status === 200);
    expect(new Set(answered.map((s) => upstream.get(s.body))).size).toBe(cluster.replicas.length);
    const failed = before.filter((s) => s.status !== 200);
    expect(failed.map((s) => s.status)).toEqual(failed.map(() => 502));
    expect(failed.length).toBeLessThanOrEqual(WORKERS);
    expect(after.filter((s) => s.status !== 200 || !s.text.includes("grants"))).toEqual([]);
    expect(after.some((s) => upstream.get(s.body) === victim)).toBe(false);
    expect(new Set(after.map((s) => upstream.get(s.body))).size).toBe(cluster.replicas.length - 1);

    await until(async () => (await redis.exists(locks[0] ?? "")) === 0, LOCK_SECONDS * 1000 + 5_000);
    const rerun = cluster.command("/article", "post confirm:false", MODERATOR, CHANNEL);
    expect((await cluster.send(rerun.body)).status).toBe(200);
    expect(cluster.proxy.served.find((s) => s.body === rerun.body)?.upstream).not.toBe(victim);
    const final = await cluster.answerAt(
      rerun.responseUrl,
      /^(Posted |Everything |Another |Stopped |Could not )/u,
    );
    expect(final).toMatch(
      /^Posted article part 2 of 2, which was missing: 1 message\. Already there: the header/u,
    );

    const [parent, ...replies] = ours();
    expect(parent?.thread_ts).toBeUndefined();
    expect(replies.every((r) => r.thread_ts === parent?.ts)).toBe(true);
    const body = replies.map((r) => visibleBlocks({ ...r })[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
    expect(api.problems).toEqual([]);
  }, 45_000);
});
