/**
 * What shared state costs a command: the bot as a real process (`node dist/src/main.js`, Slack
 * HTTP mode, as the replica tests run it) with REDIS_URL and DATABASE_URL on a real Redis and a
 * real Postgres, beside the same bot with in-process state (SQLite under STATE_DIR, no Redis),
 * alternating in the same run. /quote grants, each from a member of its own as under many members,
 * takes the cooldown and the seen-request check (Redis round trips when shared) and needs no
 * database. Nothing here asserts.
 */
import type { FakeSlack } from "../test/fakes/slack/index.js";
import { errorsRow, redisCpuMs, sameAnswer, withEngines } from "./lib/engine-bench.js";
import type { Row } from "./lib/report.js";
import { type Load, load, signed } from "./lib/slack-load.js";
import { median } from "./startup.js";

/** Each command's latency sent one at a time (no queueing), in µs. */
async function oneAtATime(fake: FakeSlack, url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { method, headers, body } = signed(fake, "/quote grants", true);
    const started = performance.now();
    const response = await fetch(url, { method, headers, body });
    await response.text();
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

export function benchSharedState(rounds = 4, amount = 3_000, sequential = 400): Promise<Row[]> {
  return withEngines(async ({ fake, redis, shared: sharedEnv, start }) => {
    const local = await start({ REDIS_URL: "" });
    const shared = await start(sharedEnv);
    const expected = await sameAnswer(fake, [local.url, shared.url]);
    const quote = () => signed(fake, "/quote grants", true);
    const runs = { local: [] as Load[], shared: [] as Load[], redisUs: [] as number[] };
    const latency = { local: [] as number[], shared: [] as number[] };
    for (const target of [local, shared]) await load(target, quote(), expected, 1_000);
    for (let i = 0; i < rounds; i++) {
      runs.local.push(await load(local, quote(), expected, amount));
      const redisBefore = await redisCpuMs(redis);
      runs.shared.push(await load(shared, quote(), expected, amount));
      runs.redisUs.push(((await redisCpuMs(redis)) - redisBefore) * (1000 / amount));
      latency.local.push(...(await oneAtATime(fake, local.url, sequential)));
      latency.shared.push(...(await oneAtATime(fake, shared.url, sequential)));
    }
    const stat = (of: Load[], key: keyof Load) => median(of.map((r) => r[key]));
    const suite = "shared state";
    const row = (name: string, unit: string, value: number, base: number): Row => ({
      suite,
      name,
      value,
      unit,
      baseline: { name: "in-process state (SQLite, no Redis)", value: base },
      ratio: value / base,
    });
    const at = `/quote grants, ${rounds} × ${amount} at concurrency 50`;
    const cpu = [stat(runs.shared, "cpuUs"), stat(runs.local, "cpuUs")] as const;
    const cpuRow = row(`${at}: bot CPU per command, Redis + Postgres`, "µs", ...cpu);
    const errors = [...runs.local, ...runs.shared].reduce((n, r) => n + r.errors, 0);
    const p50 = { local: median(latency.local), shared: median(latency.shared) };
    return [
      { ...cpuRow, target: "≤ 1.15×", met: (cpuRow.ratio ?? Number.NaN) <= 1.15 },
      row("bot + redis-server CPU per command", "µs", cpu[0] + median(runs.redisUs), cpu[1]),
      row("throughput (median)", "req/s", stat(runs.shared, "rps"), stat(runs.local, "rps")),
      row(`latency p50, one command at a time (${rounds} × ${sequential})`, "µs", p50.shared, p50.local),
      { suite, name: "p50 latency added by Redis + Postgres", value: p50.shared - p50.local, unit: "µs" },
      errorsRow(suite, 2 * rounds * amount, errors),
    ];
  });
}
