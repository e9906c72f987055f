import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchArticles } from "./articles.js";
import { benchDiscordLatency, benchDiscordMemory, benchThreadPosting, discordRenderer } from "./discord.js";
import { benchDiscordHttp } from "./discord-http.js";
import { benchHandlers } from "./handlers.js";
import { printTable, type Row } from "./lib/report.js";
import { benchReplicas } from "./replicas.js";
import { benchSharedState } from "./shared-state.js";
import {
  benchSlackHttp,
  benchSlackMemory,
  benchSlackReady,
  benchSlackThread,
  slackRenderer,
} from "./slack.js";
import { benchConsoleMemory, benchStartup } from "./startup.js";

/** `npm run bench`: every figure beside a baseline measured in the same run; nothing here asserts. */
async function main(): Promise<void> {
  const rows: Row[] = [];
  const suites: [string, () => Promise<Row[]>][] = [
    ["handlers and renderers", () => benchHandlers([discordRenderer(), slackRenderer])],
    ["console start-up", () => benchStartup()],
    ["console memory", () => benchConsoleMemory()],
    ["discord latency and start-up", () => benchDiscordLatency()],
    ["discord memory", () => benchDiscordMemory()],
    ["discord thread posting", () => benchThreadPosting()],
    ["discord HTTP interactions throughput", () => benchDiscordHttp()],
    ["slack HTTP throughput", () => benchSlackHttp()],
    ["slack time to ready", () => benchSlackReady()],
    ["slack memory", () => benchSlackMemory()],
    ["slack thread posting", () => benchSlackThread()],
    ["shared state (Redis + Postgres) beside in-process", () => benchSharedState()],
    ["two replicas beside one", () => benchReplicas()],
    ["added articles: ingest, /quote with 100 loaded, heap per article", () => benchArticles()],
  ];
  for (const [name, run] of suites) {
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await run()));
  }
  const table = printTable(rows);
  process.stdout.write(`${table}\n`);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    rows,
  };
  writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write("bench: wrote bench/results.json\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
