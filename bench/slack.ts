import { App, LogLevel, SocketModeReceiver } from "@slack/bolt";
import autocannon from "autocannon";
import pino from "pino";
import { commands } from "../commands/index.js";
import { escapeMrkdwn } from "../src/adapters/slack/render/escape.js";
import { renderReply } from "../src/adapters/slack/render/reply.js";
import { renderThread } from "../src/adapters/slack/render/thread.js";
import { type SlackSettings as SlackConfig, slackSettings } from "../src/adapters/slack/settings.js";
import { start } from "../src/adapters/slack/start.js";
import { loadArticle } from "../src/article/load.js";
import { createBot } from "../src/core/answer.js";
import type { Outcome } from "../src/core/reply.js";
import {
  FAKE_BOT,
  type FakeSlack,
  httpCommands,
  startFakeSlack,
  visibleBlocks,
  visibleText,
} from "../test/fakes/slack/index.js";
import { testHost } from "../test/support/host.js";
import type { Renderer } from "./handlers.js";
import type { Row } from "./lib/report.js";
import { BARE_ANSWER, type Load, load, SECRET, signed, startTarget } from "./lib/slack-load.js";
import { median } from "./startup.js";

/**
 * The Slack adapter against the local fakes (test/fakes/slack), each figure beside a bare Bolt app
 * measured in the same run: HTTP throughput and latency, time to ready, memory under load, and the
 * Web API calls one /article post costs. Nothing here asserts anything.
 */
const article = loadArticle();

/** For the handlers suite: the Block Kit renderer, messages and threads alike. */
export const slackRenderer: Renderer = {
  name: "Slack Block Kit",
  render: (o: Outcome) =>
    o.kind === "thread" ? renderThread(o, article, { botUserId: FAKE_BOT.userId }) : renderReply(o, article),
};

/** The bot's answer to /quote grants, checked once in full; then every response must equal it. */
async function expectedQuote(url: string, request: ReturnType<typeof signed>): Promise<string> {
  const response = await fetch(url, request);
  const body = await response.text();
  const answer = JSON.parse(body) as Record<string, unknown>;
  const q = article.quotes[2];
  if (
    response.status !== 200 ||
    answer.response_type !== "in_channel" ||
    visibleBlocks(answer)[0] !== "Jeff Sessions on “grants”" ||
    !visibleBlocks(answer).includes(article.text.slice(q?.start, q?.end))
  )
    throw new Error(`the bot answered /quote grants wrongly: ${body.slice(0, 300)}`);
  return body;
}

/** A figure beside its baseline, with their ratio. */
const beside = (
  suite: string,
  name: string,
  unit: string,
  value: number,
  baseline: string,
  base: number,
): Row => ({
  suite,
  name,
  value,
  unit,
  baseline: { name: baseline, value: base },
  ratio: value / base,
});

// ---------------------------------------------------------------- HTTP throughput

/**
 * 5,000 signed /quote grants at concurrency 50 to (a) the bot and (b) a bare Bolt app acking a
 * constant string, alternating a-b-a-b for `rounds` rounds after a warm-up, each response checked
 * against the right body. A third server, a bare Bolt app acking the bot's own answer
 * (precomputed), splits the gap: what sending a real 2.6 KB answer costs at all, and what the
 * bot's own code costs on top. On a small machine the load generator can be the bottleneck, so the
 * servers' CPU time per request is reported too.
 */
export async function benchSlackHttp(rounds = 4, amount = 5_000): Promise<Row[]> {
  const fake = await startFakeSlack();
  const bot = await startTarget("bot", fake);
  const quote = () => signed(fake, "/quote grants");
  const expected = await expectedQuote(bot.url, quote());
  const bare = await startTarget("bare", fake);
  const same = await startTarget("bare", fake, expected);
  try {
    const runs = { bot: [] as Load[], bare: [] as Load[], same: [] as Load[] };
    const servers = [
      [bot, expected, runs.bot],
      [bare, BARE_ANSWER, runs.bare],
      [same, expected, runs.same],
    ] as const;
    for (const [target, body] of servers) await load(target, quote(), body, 2_000);
    for (let i = 0; i < rounds; i++)
      for (const [target, body, into] of servers) into.push(await load(target, quote(), body, amount));

    const stat = (of: Load[], key: keyof Load) => median(of.map((r) => r[key]));
    const each = (of: Load[]) => of.map((r) => r.rps.toFixed(0)).join(", ");
    process.stderr.write(
      `bench: slack http req/s by round: bot ${each(runs.bot)}; bare ${each(runs.bare)}; bare with the bot's answer ${each(runs.same)}\n`,
    );
    const CONSTANT = "bare Bolt, constant ack";
    const SAME = "bare Bolt, the bot's answer";
    /** The bot's median `key` beside a baseline's. */
    const row = (name: string, key: keyof Load, unit: string, of: Load[], baseline: string) =>
      beside("slack http", name, unit, stat(runs.bot, key), baseline, stat(of, key));
    const throughput = row(
      `/quote grants, ${rounds} × ${amount} at concurrency 50: throughput (median)`,
      "rps",
      "req/s",
      runs.bare,
      CONSTANT,
    );
    const errors = runs.bot.reduce((n, r) => n + r.errors, 0);
    return [
      { ...throughput, target: "≥ 0.9× bare Bolt", met: (throughput.ratio ?? 0) >= 0.9 },
      row("throughput beside a bare Bolt app acking the same answer", "rps", "req/s", runs.same, SAME),
      row("latency p50", "p50", "ms", runs.bare, CONSTANT),
      row("latency p99", "p99", "ms", runs.bare, CONSTANT),
      row("server CPU per request", "cpuUs", "µs", runs.bare, CONSTANT),
      row("server CPU per request beside the same answer", "cpuUs", "µs", runs.same, SAME),
      {
        suite: "slack http",
        name: `errors and wrong answers in ${rounds * amount} requests`,
        value: errors,
        unit: "",
        baseline: { name: CONSTANT, value: runs.bare.reduce((n, r) => n + r.errors, 0) },
        target: "0",
        met: errors === 0,
      },
    ];
  } finally {
    await Promise.all([bot.stop(), bare.stop(), same.stop()]);
    await fake.close();
  }
}

// ---------------------------------------------------------------- memory

/**
 * RSS and the heap in use after a full GC, for the bot after ready, 1,000 and 10,000 mixed
 * commands, beside a bare Bolt app given the same commands. RSS also grows while V8 sizes its heap
 * to the load, which a bare app shows too; a leak shows as heap that a full GC cannot free.
 */
export async function benchSlackMemory(): Promise<Row[]> {
  const fake = await startFakeSlack();
  const targets = [await startTarget("bot", fake), await startTarget("bare", fake)];
  try {
    const lines = [
      "/quote grants",
      "/summary full",
      "/penalties private",
      "/help",
      "/quote grnts",
      "/quote pizza",
    ];
    const at: Record<string, { rss: number; heap: number }[]> = {};
    for (const t of targets) {
      const send = async (amount: number) => {
        const result = await autocannon({
          url: t.url,
          connections: 50,
          amount,
          requests: lines.map((line) => signed(fake, line)),
        });
        if (result.non2xx + result.errors > 0) throw new Error(`${t.kind}: ${result.non2xx} non-2xx answers`);
      };
      const sample = async () => ({ heap: await t.gc(), rss: t.rssMiB() });
      const samples = [await sample()];
      await send(1_000);
      samples.push(await sample());
      await send(9_000);
      samples.push(await sample());
      at[t.kind] = samples;
    }
    const [ready, at1k, at10k] = at.bot ?? [];
    const [bareReady, bare1k, bare10k] = at.bare ?? [];
    if (!ready || !at1k || !at10k || !bareReady || !bare1k || !bare10k)
      throw new Error("memory samples missing");
    const suite = "slack memory";
    const growth = (from: number, to: number) => ({ target: "growth ≤ 10%", met: (to - from) / from <= 0.1 });
    return [
      beside(suite, "bot RSS after ready (HTTP mode)", "MiB", ready.rss, "bare Bolt", bareReady.rss),
      {
        ...beside(suite, "bot RSS after 10,000 commands", "MiB", at10k.rss, "after 1,000", at1k.rss),
        ...growth(at1k.rss, at10k.rss),
      },
      beside(suite, "bare Bolt RSS after 10,000 commands", "MiB", bare10k.rss, "after 1,000", bare1k.rss),
      {
        ...beside(
          suite,
          "bot heap in use after a full GC, 10,000 commands",
          "MiB",
          at10k.heap,
          "after 1,000",
          at1k.heap,
        ),
        ...growth(at1k.heap, at10k.heap),
      },
    ];
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
    await fake.close();
  }
}

// ---------------------------------------------------------------- time to ready

const silent = pino({ level: "silent" });

function slackConfig(fake: FakeSlack, mode: "http" | "socket"): SlackConfig {
  const env = {
    SLACK_BOT_TOKEN: fake.api.botToken,
    SLACK_API_URL: fake.api.url,
    ...(mode === "http"
      ? { SLACK_SIGNING_SECRET: SECRET, PORT: "0" }
      : { SLACK_APP_TOKEN: fake.api.appToken }),
  };
  const config = slackSettings(env);
  if (!config) throw new Error("Slack is not configured");
  return config;
}

/** A bare Bolt app, constructed and started; resolves with its stop. */
async function bareBolt(fake: FakeSlack, mode: "http" | "socket"): Promise<() => Promise<unknown>> {
  const common = {
    token: fake.api.botToken,
    // Known, as the adapter passes them too: no auth.test in the background, retried for half an hour.
    botId: fake.api.bot.botId,
    botUserId: fake.api.bot.userId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.api.url },
  };
  if (mode === "http") {
    const app = new App({ ...common, signingSecret: SECRET });
    await app.start(0);
    return () => app.stop();
  }
  // Its receiver built here only to wait for the socket to close: App.stop() does not.
  const receiver = new SocketModeReceiver({
    appToken: fake.api.appToken,
    logLevel: LogLevel.ERROR,
    installerOptions: { clientOptions: common.clientOptions },
  });
  const app = new App({ ...common, socketMode: true, receiver });
  await app.start();
  return () => receiver.client.disconnect();
}

const WARM_UP = 5;
/** The benches never ask GET /healthz. */
const NO_HOST = testHost();

/**
 * From calling start to its resolving (it checks the token with auth.test, then listens or
 * connects), beside a bare Bolt app's constructor plus start, alternating, in this process.
 */
export async function benchSlackReady(rounds = 15): Promise<Row[]> {
  const rows: Row[] = [];
  for (const mode of ["http", "socket"] as const) {
    const fake = await startFakeSlack({ socketMode: mode === "socket" });
    const bot = createBot({ article, commands, log: silent });
    const ours: number[] = [];
    const bare: number[] = [];
    try {
      for (let i = 0; i < rounds + WARM_UP; i++) {
        let t = performance.now();
        const adapter = await start(bot, slackConfig(fake, mode), NO_HOST);
        const ourMs = performance.now() - t;
        await adapter.stop();
        t = performance.now();
        const stop = await bareBolt(fake, mode);
        const bareMs = performance.now() - t;
        await stop();
        // The first rounds warm the JIT and the connections.
        if (i >= WARM_UP) {
          ours.push(ourMs);
          bare.push(bareMs);
        }
      }
    } finally {
      await fake.close();
    }
    const name = `time to ready, ${mode === "http" ? "HTTP mode" : "Socket Mode"}, median of ${rounds}`;
    rows.push(beside("slack start-up", name, "ms", median(ours), "bare Bolt", median(bare)));
  }
  return rows;
}

// ---------------------------------------------------------------- thread posting

/** Web API calls for one /article post, beside the fewest Slack's limits allow. */
export async function benchSlackThread(): Promise<Row[]> {
  const fake = await startFakeSlack({ channels: { C0GENERAL: { name: "general" } } });
  const bot = createBot({ article, commands, log: silent });
  const adapter = await start(bot, { ...slackConfig(fake, "http"), moderatorIds: ["U0MOD"] }, NO_HOST, {
    paceMs: 0,
  });
  try {
    const slack = httpCommands(fake.api, adapter.url ?? "", SECRET);
    const before = fake.api.calls.length;
    const answer = await slack.command("/article", { text: "post confirm:false", user_id: "U0MOD" });
    await fake.api.waitFor(
      (c) => c.responseUrl === answer.responseUrl && visibleText(c.params).startsWith("Posted "),
    );
    const calls = fake.api.calls
      .slice(before)
      .filter((c) => c.method !== "ack" && c.method !== "response_url");
    const posts = calls.filter((c) => c.method === "chat.postMessage").length;
    const minimum = 1 + Math.ceil(escapeMrkdwn(article.text.trim()).length / 3_000);
    const methods = [...new Set(calls.map((c) => c.method))].join(", ");
    const fewest = "1 parent + ⌈article / 3,000⌉ replies";
    return [
      {
        ...beside(
          "slack thread",
          "chat.postMessage calls for /article post",
          "calls",
          posts,
          fewest,
          minimum,
        ),
        target: "the minimum",
        met: posts === minimum,
      },
      beside(
        "slack thread",
        `Web API calls in all (${methods})`,
        "calls",
        calls.length,
        "messages only",
        minimum,
      ),
    ];
  } finally {
    await adapter.stop();
    await fake.close();
  }
}
