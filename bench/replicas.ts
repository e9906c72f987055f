/**
 * Throughput of two bot replicas beside one, on this machine: real processes (`node
 * dist/src/main.js`, Slack HTTP mode) sharing one real Redis and one real Postgres, as deployed.
 * One replica gets all 50 connections; two get 25 each (two load runs at once, split as a load
 * balancer would split them), and the rounds alternate one-two-one-two. On a
 * small machine the load generator (autocannon, in this process) takes a large share of the CPU
 * and the replicas share the cores with it, so its own CPU time is measured and its share stated
 * beside the figure. Nothing here asserts.
 */
import { cpus } from "node:os";
import type { Redis } from "ioredis";
import { type BotTarget, errorsRow, redisCpuMs, sameAnswer, withEngines } from "./lib/engine-bench.js";
import type { Row } from "./lib/report.js";
import { type Load, load, signed } from "./lib/slack-load.js";
import { median } from "./startup.js";

interface Run {
  rps: number;
  /** The load generator's CPU time over all CPU time the run used (it, the replicas, Redis). */
  generatorShare: number;
  /** The load generator's CPU time over the run's wall time × cores. */
  generatorOfMachine: number;
  errors: number;
}

/** `amount` requests spread evenly over `targets`, 50 connections in all; timed as one run. */
async function run(
  targets: BotTarget[],
  request: () => ReturnType<typeof signed>,
  body: string,
  amount: number,
  redis: Redis,
): Promise<Run> {
  const before = {
    generator: process.cpuUsage(),
    replicas: targets.map((t) => t.cpuMs()),
    redis: await redisCpuMs(redis),
  };
  const started = performance.now();
  const each = amount / targets.length;
  const loads: Load[] = await Promise.all(
    targets.map((t) => load(t, request(), body, each, 50 / targets.length)),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(before.generator);
  const generatorMs = (used.user + used.system) / 1000;
  const replicasMs = targets.reduce((n, t, i) => n + t.cpuMs() - (before.replicas[i] ?? 0), 0);
  const redisMs = (await redisCpuMs(redis)) - before.redis;
  return {
    rps: amount / (wallMs / 1000),
    generatorShare: generatorMs / (generatorMs + replicasMs + redisMs),
    generatorOfMachine: generatorMs / (wallMs * cpus().length),
    errors: loads.reduce((n, l) => n + l.errors, 0),
  };
}

export function benchReplicas(rounds = 4, amount = 4_000): Promise<Row[]> {
  return withEngines(async ({ fake, redis, shared, start }) => {
    const replicas = [await start(shared), await start(shared)];
    const expected = await sameAnswer(
      fake,
      replicas.map((r) => r.url),
    );
    const quote = () => signed(fake, "/quote grants", true);
    for (const r of replicas) await load(r, quote(), expected, 1_000);
    const one: Run[] = [];
    const two: Run[] = [];
    for (let i = 0; i < rounds; i++) {
      one.push(await run(replicas.slice(0, 1), quote, expected, amount, redis));
      two.push(await run(replicas, quote, expected, amount, redis));
    }
    const m = (of: Run[], key: keyof Run) => median(of.map((r) => r[key]));
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    const suite = "replicas";
    const ONE = "one replica";
    const share = `load generator ${pct(m(two, "generatorShare"))} of the CPU used (${pct(m(one, "generatorShare"))} with one)`;
    return [
      {
        suite,
        name: `two replicas, /quote grants, ${rounds} × ${amount} at concurrency 50: throughput (median); ${share}, ${cpus().length} cores`,
        value: m(two, "rps"),
        unit: "req/s",
        baseline: { name: ONE, value: m(one, "rps") },
        ratio: m(two, "rps") / m(one, "rps"),
      },
      {
        suite,
        name: "load generator's CPU over the machine's (wall time × cores), two replicas",
        value: m(two, "generatorOfMachine") * 100,
        unit: "%",
        baseline: { name: ONE, value: m(one, "generatorOfMachine") * 100 },
        ratio: m(two, "generatorOfMachine") / m(one, "generatorOfMachine"),
      },
      errorsRow(
        suite,
        2 * rounds * amount,
        [...one, ...two].reduce((n, r) => n + r.errors, 0),
      ),
    ];
  });
}
