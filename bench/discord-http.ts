/**
 * Discord HTTP interactions throughput: the bot's /discord/interactions endpoint (the real adapter,
 * discord.js never logged in, /quote grants from the answer cache) beside a bare node:http server
 * that verifies the same Ed25519 signature and answers a constant. Each server runs in a process of
 * its own (bench/discord-http-target.ts), loaded by autocannon from this one, as in the Slack
 * bench: the same requests, the same connections, every answer checked. Every request is a new
 * interaction (its own id and token), as members' are; each run's requests are signed before it
 * starts, so signing costs neither side. The servers' CPU per request is reported too. The bot
 * verifies on libuv's thread pool; a second bare server that does too is the fairer comparison,
 * reported beside the target's.
 * Nothing here asserts anything.
 *
 * Standalone: `npx tsx bench/discord-http.ts` (BENCH_CPU_PROF=<dir> profiles both servers' processes, into <dir>/bot and <dir>/bare).
 */
import { pathToFileURL } from "node:url";
import { deliverOverHttp } from "../test/fakes/discord/http-delivery.js";
import type { FakeDiscord } from "../test/fakes/discord/index.js";
import { configFor, startRegisteredFake } from "../test/support/discord.js";
import { printTable, type Row } from "./lib/report.js";
import { type Load, load, spawnTarget, type Target } from "./lib/slack-load.js";
import { median } from "./startup.js";

const BARE_ANSWER = JSON.stringify({ type: 4, data: { content: "ok" } });
const SCRIPT = "bench/discord-http-target.ts";
const PATH = "/discord/interactions";

type Signer = ReturnType<typeof deliverOverHttp>["sign"];

/** `amount` new /quote grants interactions, each signed now; autocannon sends them in order. */
function presigned(fake: FakeDiscord, sign: Signer, amount: number) {
  const template = fake.payloadFor({ command: "quote", options: { topic: "grants" } });
  const all = Array.from({ length: amount }, () => {
    const n = ++sent;
    const body = JSON.stringify({ ...template, id: String(10n ** 18n + BigInt(n)), token: `bench-${n}` });
    return { body, headers: { "content-type": "application/json", ...sign(body) } };
  });
  let i = 0;
  const next = () => all[i++ % all.length] as (typeof all)[0];
  return {
    method: "POST" as const,
    ...(all[0] as (typeof all)[0]),
    setupRequest: <R extends object>(r: R) => ({ ...r, ...next() }),
  };
}
let sent = 0;

export async function benchDiscordHttp(rounds = 4, amount = 5_000): Promise<Row[]> {
  const fake = await startRegisteredFake({ validate: false });
  // Only for the key pair and its signatures: the bench posts the interactions itself.
  const http = deliverOverHttp(fake, "http://127.0.0.1:1/");
  const config = configFor(fake);
  const dir = process.env.BENCH_CPU_PROF;
  const profile = (kind: string) => (dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}/${kind}`] : []);
  const botArgs = [http.publicKey, config.apiUrl, config.token, config.applicationId, config.guildId ?? ""];
  const bot = await spawnTarget("bot", SCRIPT, ["bot", ...botArgs], PATH, profile("bot"));
  const bareTarget = (kind: string) =>
    spawnTarget(kind, SCRIPT, [kind, http.publicKey, BARE_ANSWER], PATH, profile(kind));
  const bare = await bareTarget("bare");
  const pooled = await bareTarget("bare-pool");
  try {
    const one = presigned(fake, http.sign, 1);
    const checked = await fetch(bot.url, one);
    const expected = await checked.text();
    const shown = JSON.parse(expected) as { type?: number; data?: { embeds?: unknown[] } };
    if (checked.status !== 200 || shown.type !== 4 || !shown.data?.embeds?.length)
      throw new Error(`the bot answered /quote grants wrongly: ${expected.slice(0, 300)}`);
    const runs = { bot: [] as Load[], bare: [] as Load[], pooled: [] as Load[] };
    const servers = [
      [bot, expected, runs.bot],
      [bare, BARE_ANSWER, runs.bare],
      [pooled, BARE_ANSWER, runs.pooled],
    ] as const;
    const run = (target: Target, body: string, n: number) =>
      load(target, presigned(fake, http.sign, n), body, n);
    for (const [target, body] of servers) await run(target, body, 2_000);
    for (let i = 0; i < rounds; i++)
      for (const [target, body, into] of servers) into.push(await run(target, body, amount));

    const stat = (of: Load[], key: keyof Load) => median(of.map((r) => r[key]));
    const each = (of: Load[]) => of.map((r) => r.rps.toFixed(0)).join(", ");
    process.stderr.write(
      `bench: discord http req/s by round: bot ${each(runs.bot)}; bare ${each(runs.bare)}; bare, verifying on the pool ${each(runs.pooled)}\n`,
    );
    const BASE = "bare node:http verifying Ed25519, constant answer";
    const row = (name: string, key: keyof Load, unit: string, base = { name: BASE, of: runs.bare }): Row => {
      const value = stat(runs.bot, key);
      const baseline = stat(base.of, key);
      return {
        suite: "discord http",
        name,
        value,
        unit,
        baseline: { name: base.name, value: baseline },
        ratio: value / baseline,
      };
    };
    const throughput = row(
      `/quote grants, ${rounds} × ${amount} at concurrency 50: throughput (median)`,
      "rps",
      "req/s",
    );
    const errors = runs.bot.reduce((sum, r) => sum + r.errors, 0);
    return [
      { ...throughput, target: "≥ 0.9× bare node:http", met: (throughput.ratio ?? 0) >= 0.9 },
      row("the same throughput beside a bare server that also verifies on the thread pool", "rps", "req/s", {
        name: "bare node:http verifying Ed25519 on libuv's thread pool, as the bot does; constant answer",
        of: runs.pooled,
      }),
      row("latency p50", "p50", "ms"),
      row("latency p99", "p99", "ms"),
      row("server CPU per request", "cpuUs", "µs"),
      {
        suite: "discord http",
        name: `errors and wrong answers in ${rounds * amount} requests`,
        value: errors,
        unit: "",
        baseline: { name: BASE, value: runs.bare.reduce((n, r) => n + r.errors, 0) },
        target: "0",
        met: errors === 0,
      },
    ];
  } finally {
    await Promise.all([bot.stop(), bare.stop(), pooled.stop()]);
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  benchDiscordHttp().then(
    (rows) => process.stdout.write(`${printTable(rows)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
