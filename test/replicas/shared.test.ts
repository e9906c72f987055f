/**
 * Three bot processes behind a round-robin proxy, sharing one Postgres and one Redis: every request
 * goes through the proxy, so consecutive ones land on different replicas. A user's cooldown is one
 * across them, a retried request runs once, `/article post` sent to two replicas at once (or Post
 * pressed on two) makes one thread with every part once, and with Redis stopped every command is
 * still answered; once Redis is back the cooldown is shared again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsIn, FAKE_BOT, httpActions, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { PROCESS_SECRET } from "../support/slack-process.js";
import { type Cluster, engines, logged, MODERATOR, REPLICAS, startCluster, until } from "./cluster.js";

const servers = await engines();
const suite = servers ? describe : describe.skip;
const LIMIT = 4;
const FINAL = /^(Posted |Everything is already|Another \/article post|Stopped |Could not |This preview)/u;
const REFUSED = new RegExp(
  `faster than ${LIMIT} every 60 seconds\\. Please wait \\d+ seconds? and try again`,
  "u",
);

suite("three replicas behind a round-robin proxy, one Postgres, one Redis", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    if (!servers) return;
    const env = { COOLDOWN_COMMANDS: String(LIMIT), COOLDOWN_SECONDS: "60" };
    cluster = await startCluster(servers, { env, channels: ["C0BOTH", "C0PRESS"] });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await servers?.stop();
  });

  /** Which replicas served the requests whose body is `body`, in order. */
  const servedBy = (body: string) =>
    cluster.proxy.served.filter((s) => s.body === body).map((s) => s.upstream);
  /** `/quote grants` from `user`, one at a time: what each answer shows, and who answered. */
  const quotes = async (user: string, times: number) => {
    const texts: string[] = [];
    const by: number[] = [];
    for (let i = 0; i < times; i++) {
      const { body } = cluster.command("/quote", "grants", user);
      const answer = await cluster.send(body);
      expect(answer.status).toBe(200);
      texts.push(visibleText(answer.json ?? {}));
      by.push(...servedBy(body));
    }
    return { texts, by };
  };
  /** The bot's messages in `channel`: thread parents, and the replies' text rejoined. */
  const thread = (channel: string) => {
    const ours = cluster.api.messages.filter((m) => m.user === FAKE_BOT.userId && m.channel === channel);
    const parents = ours.filter((m) => m.thread_ts === undefined);
    const replies = ours.filter((m) => m.thread_ts !== undefined);
    expect(replies.every((r) => r.thread_ts === parents[0]?.ts)).toBe(true);
    return { parents, text: `${replies.map((r) => visibleBlocks({ ...r })[0]).join("\n\n")}\n\n` };
  };

  it("every replica uses Postgres and Redis, and a user's commands spread over them meet one cooldown", async () => {
    for (const r of cluster.replicas)
      expect(r.bot.logs.some((l) => l.msg === "shared state in Redis (REDIS_URL)")).toBe(true);
    const { texts, by } = await quotes("U0FLOOD", LIMIT + 1);
    expect(new Set(by).size).toBe(REPLICAS);
    for (const text of texts.slice(0, LIMIT)) expect(text).toContain("grants");
    expect(texts[LIMIT]).toMatch(REFUSED);
    // Another user is not held back by it.
    expect((await quotes("U0OTHER", 1)).texts[0]).toContain("grants");
  });

  it("a request retried to another replica (same signed body, X-Slack-Retry-Num) is answered once", async () => {
    const { body } = cluster.command("/quote", "grants", "U0RETRY");
    const timestamp = Math.floor(Date.now() / 1000);
    const ignoredRetry = /^ignored a repeated Slack request$/u;
    const ignored = logged(cluster, ignoredRetry);
    const first = await cluster.send(body, { timestamp });
    const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    const again = await cluster.send(body, { timestamp, headers: retry });
    const [a, b = -1] = servedBy(body);
    expect(a).not.toBe(b);
    expect(visibleText(first.json ?? {})).toContain("grants");
    expect([again.status, again.body]).toEqual([200, ""]);
    // The retry's headers reached that replica through the proxy: its log line names them.
    const said = await cluster.replicas[b]?.bot.waitForLog(
      (l) => ignoredRetry.test(String(l.msg)) && l.retry === 1,
    );
    expect(said?.reason).toBe("http_timeout");
    const now = logged(cluster, ignoredRetry);
    expect(now.map((n, i) => n - (ignored[i] ?? 0))).toEqual(
      cluster.replicas.map((_, i) => (i === b ? 1 : 0)),
    );
  });

  it("/article post sent to two replicas at once makes one thread with every part exactly once", async () => {
    const sent = [0, 1].map(() => cluster.command("/article", "post confirm:false", MODERATOR, "C0BOTH"));
    const acks = await Promise.all(sent.map((s) => cluster.send(s.body)));
    expect(acks.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(sent.flatMap((s) => servedBy(s.body))).size).toBe(2);
    const finals = await Promise.all(sent.map((s) => cluster.answerAt(s.responseUrl, FINAL)));
    const done = finals.filter((f) => /^Posted the header and the article/u.test(f));
    expect(done).toHaveLength(1);
    // Refused while the first posts, or (had it come later) found everything there.
    expect(finals.filter((f) => !done.includes(f))).toEqual([
      expect.stringMatching(/^(Another \/article post into <#C0BOTH> is running|Everything is already in)/u),
    ]);
    const { parents, text } = thread("C0BOTH");
    expect(parents).toHaveLength(1);
    expect(text).toBe(article.text);
  }, 30_000);

  it("Post pressed on two replicas at once posts the preview once", async () => {
    const ask = cluster.command("/article", "post Across replicas", MODERATOR, "C0PRESS");
    const preview = await cluster.send(ask.body);
    const post = buttonsIn(preview.json).find((button) => button.text === "Post");
    expect(post).toBeDefined();
    const press = httpActions(cluster.api, cluster.url, PROCESS_SECRET);
    const who = { user_id: MODERATOR, channel_id: "C0PRESS" };
    const before = cluster.proxy.served.length;
    const presses = await Promise.all([0, 1].map(() => press.press(post ?? never(), who)));
    expect(new Set(cluster.proxy.served.slice(before).map((s) => s.upstream)).size).toBe(2);
    const finals = await Promise.all(presses.map((p) => cluster.answerAt(p.responseUrl, FINAL)));
    expect(finals.sort()).toEqual([
      expect.stringMatching(/^Posted the header and the article/u),
      "This preview was already used: nothing more happens.",
    ]);
    const { parents, text } = thread("C0PRESS");
    expect(parents.map((p) => visibleBlocks({ ...p })[0])).toEqual(["Across replicas"]);
    expect(text).toBe(article.text);
  }, 30_000);

  it("with Redis stopped every command is answered; once it is back the cooldown is shared again", async () => {
    const unreachable = /^Redis unreachable/u;
    const warned = logged(cluster, unreachable);
    await servers?.redis.stop();
    await until(() => logged(cluster, unreachable).every((n, i) => n === (warned[i] ?? 0) + 1));
    // Each replica counts on its own now: LIMIT + 1 commands over three replicas all run.
    const down = await quotes("U0DOWN", LIMIT + 1);
    for (const text of down.texts) expect(text).toContain("grants");
    expect(logged(cluster, unreachable)).toEqual(warned.map((n) => n + 1));

    const back = logged(cluster, /^Redis reachable again/u);
    await servers?.redis.start();
    await until(() => logged(cluster, /^Redis reachable again/u).every((n, i) => n > (back[i] ?? 0)));
    const shared = await quotes("U0BACK", LIMIT + 1);
    expect(new Set(shared.by).size).toBe(REPLICAS);
    for (const text of shared.texts.slice(0, LIMIT)) expect(text).toContain("grants");
    expect(shared.texts[LIMIT]).toMatch(REFUSED);
  }, 30_000);
});

function never(): never {
  throw new Error("the preview has no Post button");
}
