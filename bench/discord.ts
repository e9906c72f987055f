import { spawn } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import pino from "pino";
import { commands } from "../commands/index.js";
import { renderReply } from "../src/adapters/discord/render/reply.js";
import { renderThread } from "../src/adapters/discord/render/thread.js";
import { loadArticle } from "../src/article/load.js";
import { answer, createBot } from "../src/core/answer.js";
import type { Invocation } from "../src/core/dispatch.js";
import type { Outcome } from "../src/core/reply.js";
import type { InteractionRecord, InteractSpec } from "../test/fakes/discord/index.js";
import type { Renderer } from "./handlers.js";
import {
  BARE,
  BOT,
  bare,
  burst,
  loadWithMix,
  median,
  quantile,
  type Side,
  start,
  startFake,
} from "./lib/discord-clients.js";
import type { Row } from "./lib/report.js";

/**
 * The Discord adapter against the local fake Discord, beside a bare discord.js client that replies
 * with a constant, each in its own process. In the timed runs the fake skips its body checks
 * (they would be timed too), and the benchmark checks every answer instead.
 */
const article = loadArticle();
const core = createBot({ article, commands, log: pino({ level: "silent" }) });
const ask = (command: string, options: Record<string, unknown> = {}, subcommand?: string): Promise<Outcome> =>
  answer(core, {
    command,
    subcommand,
    options,
    user: { id: "bench" },
    isModerator: () => true,
    platform: "discord",
  } satisfies Invocation);

const QUOTE: InteractSpec = { command: "quote", options: { topic: "grants" } };
const quoteEmbeds = await (async () => {
  const outcome = await ask("quote", { topic: "grants" });
  if (outcome.kind !== "message") throw new Error("/quote grants did not answer a message");
  return renderReply(outcome, article)[0];
})();
// The same answer from a bare client: what is left between it and the bot is the bot's own code.
const SAME = bare(quoteEmbeds);
const correct = (side: Side, r: InteractionRecord): boolean =>
  r.callbacks === 1 &&
  (side === BARE
    ? r.response?.data?.content === "ok"
    : isDeepStrictEqual(r.response?.data?.embeds, quoteEmbeds));

interface Figures {
  latency: number[];
  /** Each round's p50, so the bot can be set beside the baselines of the same round. */
  p50s: number[];
  ready: number[];
  cpuUs: number[];
  wrong: number;
}

/**
 * Dispatch of INTERACTION_CREATE to the answer reaching the fake, over bursts of `size` /quote
 * grants, for the bot, the bare client and the bare client answering with the bot's embeds, in
 * turns for `rounds` rounds (a fresh process each, after a warm-up burst); with each one's CPU per
 * interaction and time from spawn to ready.
 */
export async function benchDiscordLatency(rounds = 6, size = 2_000): Promise<Row[]> {
  const fake = await startFake(false);
  const sides = [BOT, BARE, SAME];
  const seen = new Map<Side, Figures>(
    sides.map((s) => [s, { latency: [], p50s: [], ready: [], cpuUs: [], wrong: 0 }]),
  );
  try {
    for (let round = 0; round < rounds; round++)
      // Each round starts with the next one: drift on a shared machine falls on all alike.
      for (const side of [...sides.slice(round % sides.length), ...sides.slice(0, round % sides.length)]) {
        const figures = seen.get(side) as Figures;
        const running = await start(side, fake);
        figures.ready.push(running.readyMs);
        // Warm up: the first thousand interactions run while V8 is still compiling.
        await burst(fake, 1_000, QUOTE);
        const cpu = running.cpuMs();
        const records = await burst(fake, size, QUOTE);
        figures.cpuUs.push(((running.cpuMs() - cpu) * 1000) / size);
        figures.p50s.push(median(records.map((r) => (r.response?.at ?? Number.NaN) - r.dispatchedAt)));
        for (const r of records) {
          figures.latency.push((r.response?.at ?? Number.NaN) - r.dispatchedAt);
          if (!correct(side, r)) figures.wrong += 1;
        }
        await running.stop();
      }
  } finally {
    await fake.close();
  }
  const [bot, base, same] = sides.map((s) => seen.get(s) as Figures) as [Figures, Figures, Figures];
  const q = (f: Figures, at: number) =>
    quantile(
      [...f.latency].sort((x, y) => x - y),
      at,
    );
  const row = (
    name: string,
    unit: string,
    value: number,
    against: Side,
    by: number,
    extra: Partial<Row> = {},
  ) => ({
    suite: "discord",
    name,
    value,
    unit,
    baseline: { name: `${against.name}${against === BARE ? ", constant reply" : ""}`, value: by },
    ratio: value / by,
    ...extra,
  });
  const burstName = `${size.toLocaleString("en-US")} × /quote grants in a burst, dispatch to answer`;
  // Rounds are minutes apart on a shared machine: the ratio of each round's p50s, then their median.
  const paired = (against: Figures) => median(bot.p50s.map((p, i) => p / (against.p50s[i] ?? Number.NaN)));
  const wrong = `wrong answers: ${bot.wrong} of ${bot.latency.length}; baselines ${base.wrong} and ${same.wrong}`;
  return [
    row(`${burstName}, p50 of all rounds (${wrong})`, "ms", q(bot, 0.5), BARE, q(base, 0.5)),
    row(`${burstName}, p50, median of each round's ratio`, "ms", median(bot.p50s), BARE, median(base.p50s), {
      ratio: paired(base),
      target: "p50 ≤ 1.1× bare",
      met: paired(base) <= 1.1,
    }),
    row(`${burstName}, p99`, "ms", q(bot, 0.99), BARE, q(base, 0.99)),
    row(
      `${burstName}, p50 beside the same answer, median of each round's ratio`,
      "ms",
      median(bot.p50s),
      SAME,
      median(same.p50s),
      {
        ratio: paired(same),
      },
    ),
    row(
      "client CPU per interaction in the burst, median of rounds",
      "µs",
      median(bot.cpuUs),
      BARE,
      median(base.cpuUs),
    ),
    row(
      "client CPU per interaction, beside the same answer",
      "µs",
      median(bot.cpuUs),
      SAME,
      median(same.cpuUs),
    ),
    row(
      "spawn to ready (gateway READY and the guild), median",
      "ms",
      median(bot.ready),
      BARE,
      median(base.ready),
    ),
  ];
}

/**
 * RSS after ready and after 1,000, 10,000 and 20,000 commands (bursts of 500), the bot beside the
 * bare client: growth in both alike is V8 sizing its heap for the load. Then the heap in use
 * after a full collection at the same points (bench/discord-heap.ts), which grows only with what is
 * kept: the figure that tells a leak.
 */
export async function benchDiscordMemory(): Promise<Row[]> {
  const rss = new Map<Side, number[]>();
  for (const side of [BOT, BARE]) {
    const fake = await startFake(false);
    const running = await start(side, fake);
    const ready = running.rssMiB();
    rss.set(side, [ready, ...(await loadWithMix(fake, [1_000, 10_000, 20_000], running.rssMiB))]);
    await running.stop();
    await fake.close();
  }
  const [ready, at1k, at10k, at20k] = (rss.get(BOT) ?? []) as [number, number, number, number];
  const [bareReady, bare1k, bare10k, bare20k] = (rss.get(BARE) ?? []) as [number, number, number, number];
  const [heap1k, heap10k, heap20k] = (await heapAfterGc("bot")) as [number, number, number];
  const [bareHeap1k, bareHeap10k, bareHeap20k] = (await heapAfterGc("bare")) as [number, number, number];
  const beside = (value: number, base: number, name: string): Row => ({
    suite: "memory",
    name,
    value,
    unit: "MiB",
    baseline: { name: "bare discord.js", value: base },
    ratio: value / base,
  });
  const growth = (name: string, value: number, from: number, since: string, bare: string): Row => ({
    suite: "memory",
    name: `${name} (bare discord.js: ${bare} from ${since})`,
    value,
    unit: "MiB",
    baseline: { name: `after ${since}`, value: from },
    ratio: value / from,
  });
  const tenPercent = (row: Row, what: string): Row => ({
    ...row,
    target: `growth ≤ 10%${what}`,
    met: row.value <= 1.1 * (row.baseline?.value ?? 0),
  });
  return [
    beside(ready, bareReady, "discord: RSS after ready"),
    beside(at1k, bare1k, "discord: RSS after 1,000 commands"),
    tenPercent(growth("discord: RSS after 10,000 commands", at10k, at1k, "1,000", pct(bare1k, bare10k)), ""),
    growth("discord: RSS after 20,000 commands", at20k, at10k, "10,000", pct(bare10k, bare20k)),
    growth(
      "discord: heap in use after GC, 10,000 commands, in process with the fake",
      heap10k,
      heap1k,
      "1,000",
      pct(bareHeap1k, bareHeap10k),
    ),
    tenPercent(
      growth(
        "discord: heap in use after GC, 20,000 commands",
        heap20k,
        heap10k,
        "10,000",
        pct(bareHeap10k, bareHeap20k),
      ),
      " (no leak)",
    ),
  ];
}

const pct = (from: number, to: number) =>
  `${to >= from ? "+" : ""}${(((to - from) / from) * 100).toFixed(1)}%`;

/** bench/discord-heap.ts in a process of its own, where it may call gc(). */
function heapAfterGc(who: "bot" | "bare"): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "bench/discord-heap.ts", who], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`bench/discord-heap.ts exited ${code}`)),
    );
  });
}

/**
 * Discord API calls for /article post into a new thread, by kind, beside the least Discord's
 * limits allow (one thread creation plus ceil(text / 2,000) messages); then a re-run in that
 * thread, where everything is already there. The fake checks every body here.
 */
export async function benchThreadPosting(): Promise<Row[]> {
  const fake = await startFake(true);
  const running = await start(BOT, fake);
  const post = async (spec: Partial<InteractSpec>) => {
    const from = fake.requests.length;
    // confirm:false: the bench counts the post's own calls, not the preview's.
    const handle = fake.interact({
      command: "article",
      subcommand: "post",
      as: "moderator",
      ...spec,
      options: { confirm: false, ...spec.options },
    });
    await handle.until((r) => /^(Posted|Everything)/u.test(String(r.original?.content ?? "")), "the end");
    const calls = fake.requests.slice(from);
    const count = (route: string) => calls.filter((c) => c.route === route).length;
    return {
      threads: count("POST /channels/:channel/threads"),
      messages: count("POST /channels/:channel/messages"),
      reads: count("GET /channels/:channel/messages"),
      edits: count("PATCH /webhooks/:application/:token/messages/:message"),
      defers: count("POST /interactions/:interaction/:token/callback"),
      all: calls.length,
    };
  };
  const first = await post({});
  const again = await post({ channelId: fake.threadsCreated().at(-1)?.id ?? "" });
  await running.stop();
  await fake.close();
  if (fake.problems.length > 0) throw new Error(`the fake saw problems: ${JSON.stringify(fake.problems)}`);

  const plan = await ask("article", {}, "post");
  if (plan.kind !== "thread") throw new Error("/article post did not plan a thread");
  const articleParts = renderThread(plan, article).filter((p) => p.kind === "article").length;
  const minimum = 1 + Math.ceil(article.text.length / 2_000);
  const posting = first.threads + first.messages;
  return [
    {
      suite: "thread post",
      name: `/article post: ${first.threads} thread + ${first.messages} messages (header card + ${articleParts} article parts, closing line on the last)`,
      value: posting,
      unit: "calls",
      baseline: { name: `1 thread + ceil(${article.text.length} / 2,000) messages`, value: minimum },
      ratio: posting / minimum,
      target: "= minimum",
      met: posting <= minimum,
    },
    {
      suite: "thread post",
      name: `/article post, besides: ${first.defers} defer + ${first.edits} status edits`,
      value: first.all - posting,
      unit: "calls",
    },
    {
      suite: "thread post",
      name: `run again in that thread: ${again.defers} defer + ${again.reads} history read + ${again.messages} messages + ${again.edits} status edits`,
      value: again.all,
      unit: "calls",
    },
  ];
}

/** The Discord renderer, for the renderer figures in bench/handlers.ts. */
export function discordRenderer(): Renderer {
  return {
    name: "discord embeds",
    render: (outcome) =>
      outcome.kind === "thread" ? renderThread(outcome, article) : renderReply(outcome, article),
  };
}
