/**
 * Two real bot processes in Slack HTTP mode, as two replicas behind a load balancer: one Redis, one
 * SQLite STATE_DIR, one fake Slack. A signed command retried to the other replica is answered once,
 * a user's commands spread over both meet one cooldown, and a preview shown by one is posted once
 * when Post is pressed on both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonsIn,
  httpActions,
  postSigned,
  slashCommandPayload,
  visibleBlocks,
  visibleText,
} from "../../fakes/slack/index.js";
import { startRedis } from "../../support/redis-server.js";
import { type BotProcess, PROCESS_SECRET as SECRET, startBotProcess } from "../../support/slack-process.js";

const started = await startRedis();
const server = "server" in started ? started.server : undefined;
const suite = server ? describe : describe.skip;

suite("two bot processes sharing one Redis", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "replicas-"));
  const replicas: BotProcess[] = [];
  beforeAll(async () => {
    const env = {
      REDIS_URL: server?.url ?? "",
      STATE_DIR: stateDir,
      COOLDOWN_COMMANDS: "3",
      COOLDOWN_SECONDS: "60",
    };
    const first = await startBotProcess("http", { env });
    replicas.push(first);
    replicas.push(await startBotProcess("http", { env, using: first.fake }));
  }, 60_000);
  afterAll(async () => {
    // The second uses the first's fake Slack: close it first.
    for (const r of [...replicas].reverse()) await r.close();
    await server?.destroy();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const send = (replica: BotProcess, body: string) => postSigned(replica.url ?? "", SECRET, body);
  const command = (user: string, text = "") =>
    new URLSearchParams(
      slashCommandPayload(
        { command: "/quote", text: `grants ${text}`.trim(), user_id: user },
        replicas[0]?.fake.api ?? never(),
      ),
    ).toString();

  it("both replicas use Redis, and a command retried to the other replica is answered once", async () => {
    const [a, b] = replicas as [BotProcess, BotProcess];
    for (const r of replicas)
      expect(r.bot.logs.some((l) => l.msg === "shared state in Redis (REDIS_URL)")).toBe(true);
    const body = command("U0RETRY");
    const first = await send(a, body);
    expect(first.status).toBe(200);
    expect(visibleText(first.json ?? {})).toContain("grants");
    const retried = await send(b, body);
    expect(retried.status).toBe(200);
    expect(retried.body).toBe("");
    // The line is written before the ack, but its pipe may deliver it after the HTTP answer.
    await b.bot.waitForLog((l) => l.msg === "ignored a repeated Slack request");
  });

  it("a user's commands spread over both replicas meet one cooldown", async () => {
    const [a, b] = replicas as [BotProcess, BotProcess];
    const answers: string[] = [];
    for (const r of [a, b, a, b]) answers.push(visibleText((await send(r, command("U0FLOOD"))).json ?? {}));
    for (const text of answers.slice(0, 3)) expect(text).not.toContain("faster than");
    expect(answers[3]).toMatch(/faster than 3 every 60 seconds\. Please wait \d+ seconds? and try again/u);
    // Another user is not held back by it.
    expect(visibleText((await send(a, command("U0OTHER"))).json ?? {})).not.toContain("faster than");
    for (const r of replicas)
      expect(r.bot.logs.filter((l) => /Redis unreachable/u.test(String(l.msg)))).toEqual([]);
  });

  it("a preview shown by one replica is posted once when Post is pressed on both at once", async () => {
    const [a, b] = replicas as [BotProcess, BotProcess];
    const api = a.fake.api;
    const ask = slashCommandPayload(
      { command: "/article", text: "post Across replicas", user_id: "U0MOD" },
      api,
    );
    const preview = await send(a, new URLSearchParams(ask).toString());
    const post = buttonsIn(preview.json).find((button) => button.text === "Post") ?? never();
    const presses = await Promise.all(
      [a, b].map((r) => httpActions(api, r.url ?? "", SECRET).press(post, { user_id: "U0MOD" })),
    );
    const texts = await Promise.all(
      presses.map(async (p) => {
        const said = await api.waitFor(
          (c) => c.responseUrl === p.responseUrl && /^(Posted |This preview)/u.test(visibleText(c.params)),
          15_000,
        );
        return visibleText(said.params);
      }),
    );
    expect(texts.sort()).toEqual([
      expect.stringMatching(/^Posted the header and the article/u),
      "This preview was already used: nothing more happens.",
    ]);
    const parents = api
      .callsTo("chat.postMessage")
      .filter((c) => c.params.thread_ts === undefined && visibleBlocks(c.params)[0] === "Across replicas");
    expect(parents).toHaveLength(1);
  }, 30_000);

  it("a replica stopped with SIGTERM closes its Redis connection and exits cleanly", async () => {
    const finished = await (replicas[1] ?? never()).bot.stop("SIGTERM");
    expect(finished.code).toBe(0);
    expect(replicas[1]?.bot.logs.some((l) => l.msg === "stopped")).toBe(true);
  });
});

function never(): never {
  throw new Error("no replica started");
}
