import pino from "pino";
import { Bench } from "tinybench";
import { commands } from "../commands/index.js";
import { loadArticle } from "../src/article/load.js";
import { answer, createBot } from "../src/core/answer.js";
import { findCommand, type Invocation } from "../src/core/dispatch.js";
import type { Outcome } from "../src/core/reply.js";
import { renderText } from "../src/render/plain-text.js";
import type { Row } from "./lib/report.js";

/**
 * Handlers in process: each command through the real dispatch (validation included), beside a
 * baseline that returns a constant reply, so the figure is what our own code costs.
 */
export const TOPICS = [
  "grants",
  "grnts",
  "claw back",
  "1373",
  "sanctuary cities",
  "funding",
  "ICE",
  "crimes",
  "what did sessions say about penalties",
  "pizza",
  "slaying",
  "what will non-compliant places lose",
  "DOJ grants",
  "grants threatened",
  "bitcoin price",
  "federal pizza",
];

export interface Renderer {
  name: string;
  render: (outcome: Outcome) => unknown;
}

export async function benchHandlers(extraRenderers: Renderer[] = []): Promise<Row[]> {
  const article = loadArticle();
  const bot = createBot({ article, commands, log: pino({ level: "silent" }) });
  const inv = (command: string, options: Record<string, unknown> = {}, subcommand?: string): Invocation => ({
    command,
    subcommand,
    options,
    user: { id: "bench" },
    isModerator: () => true,
    platform: "console",
  });
  const constant: Outcome = { kind: "message", visibility: "public", blocks: [{ type: "text", text: "ok" }] };

  const bench = new Bench({ time: 300, warmup: true });
  bench.add("baseline: constant reply", () => constant);
  const cases: [string, Invocation][] = [
    ["/summary short", inv("summary")],
    ["/summary full", inv("summary", { length: "full" })],
    ["/penalties", inv("penalties")],
    ["/help", inv("help")],
    ["/quote (index)", inv("quote")],
    ["/article post (plan)", inv("article", {}, "post")],
    ...TOPICS.map((t) => [`/quote ${t}`, inv("quote", { topic: t })] as [string, Invocation]),
  ];
  // Each command's own work (validation and handler), bypassing dispatch's answer cache; and the
  // answer as served, where every repeat is a cache hit.
  for (const [name, invocation] of cases) {
    const command = findCommand(commands, invocation.command, invocation.subcommand);
    if (!command) throw new Error(`no command for ${name}`);
    bench.add(name, () => command.run({ article, commands }, command.schema.parse(invocation.options)));
    bench.add(`${name} (served)`, () => answer(bot, invocation));
  }

  const sample = await Promise.all([
    answer(bot, inv("quote", { topic: "grants" })),
    answer(bot, inv("summary", { length: "full" })),
    answer(bot, inv("article", {}, "post")),
  ]);
  const renderers: Renderer[] = [
    { name: "console text", render: (o) => renderText(o, article, { styled: false }) },
    ...extraRenderers,
  ];
  for (const r of renderers) {
    bench.add(`render ${r.name}: baseline JSON.stringify`, () => sample.map((o) => JSON.stringify(o)));
    bench.add(`render ${r.name}`, () => sample.map((o) => r.render(o)));
  }
  await bench.run();

  const us = (name: string, stat: "p50" | "p99") => {
    const task = bench.tasks.find((t) => t.name === name);
    const r = task?.result;
    if (!r || !("latency" in r)) throw new Error(`bench ${name} did not complete`);
    return r.latency[stat] * 1000;
  };
  const rows: Row[] = [];
  const baseP99 = us("baseline: constant reply", "p99");
  for (const [name] of cases) {
    const p99 = us(name, "p99");
    rows.push({
      suite: "handlers",
      name: `${name}, uncached p99 (p50 ${us(name, "p50").toFixed(2)} µs; as served from the cache: p99 ${us(`${name} (served)`, "p99").toFixed(2)} µs)`,
      value: p99,
      unit: "µs",
      baseline: { name: "constant reply", value: baseP99 },
      ratio: p99 / baseP99,
      target: "p99 < 50 µs",
      met: p99 < 50,
    });
  }
  for (const r of renderers) {
    const p99 = us(`render ${r.name}`, "p99") / sample.length;
    const base = us(`render ${r.name}: baseline JSON.stringify`, "p99") / sample.length;
    rows.push({
      suite: "renderers",
      name: `${r.name} p99 per reply`,
      value: p99,
      unit: "µs",
      baseline: { name: "JSON.stringify", value: base },
      ratio: p99 / base,
      target: "p99 < 100 µs",
      met: p99 < 100,
    });
  }
  return rows;
}
