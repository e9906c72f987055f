/**
 * GET /metrics in Prometheus' text format, from prom-client on a registry of the bot's own (never
 * the library's global one, so two bots in one test process do not mix): process metrics, build
 * info, commands by platform, command and outcome with their durations, cooldown refusals,
 * platform API errors and rate limits, and each adapter's (and shard's) state, read at scrape
 * time. Labels hold only names the bot defines: a command not in its list counts as "unknown",
 * and no user, channel or text ever becomes a label. docs/observability.md lists every metric.
 *
 * An adapter whose commands are counted in other processes (Discord's shard processes) offers
 * their metrics (RemoteMetrics); each scrape merges them with this registry's through prom-client's
 * own AggregatorRegistry.aggregate (counters and histograms summed, as for a Node cluster).
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";
import type { AdapterHealth, RunningAdapter } from "../adapters/contract.js";
import { type Command, commandPath } from "../core/command.js";
import type { BotObserver, CommandResult } from "../core/observe.js";
import { ROOT } from "./paths.js";

export interface Metrics extends BotObserver {
  readonly registry: Registry;
  /** The adapters whose state each scrape reports (main.ts's running list). */
  watch(adapters: () => readonly RunningAdapter[]): void;
  /** Answers GET (and HEAD) /metrics. */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** An adapter that runs other processes: each one's getMetricsAsJSON(), those that answered in time. */
export interface RemoteMetrics {
  remoteMetrics(): Promise<unknown[][]>;
}

const hasRemote = (adapter: RunningAdapter): adapter is RunningAdapter & RemoteMetrics =>
  typeof (adapter as Partial<RemoteMetrics>).remoteMetrics === "function";

const PREFIX = "articlebot_";
/** What this process alone knows: the adapters' and shards' states as it sees them, its build. */
const OWN_ONLY = new Set([`${PREFIX}build_info`, `${PREFIX}adapter_state`, `${PREFIX}shard_state`]);
/** Pure handlers answer in microseconds; a shared cooldown or the records take milliseconds. */
const DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

interface CommandSeries {
  outcome(result: CommandResult): Counter.Internal;
  duration: Histogram.Internal<string>;
}

export function createMetrics(options: { version?: string } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: `${PREFIX}build_info`,
    help: "Always 1: the bot's version (package.json) and the Node.js version running it",
    labelNames: ["version", "node"],
    registers: [registry],
  }).set({ version: options.version ?? packageVersion(), node: process.versions.node }, 1);
  const commands = new Counter({
    name: `${PREFIX}commands_total`,
    help: "Commands answered, by platform, command and outcome (answered, invalid, cooldown, denied, error)",
    labelNames: ["platform", "command", "outcome"],
    registers: [registry],
  });
  const durations = new Histogram({
    name: `${PREFIX}command_duration_seconds`,
    help: "Time from a command reaching the core to its outcome (checks, options, handler, records)",
    labelNames: ["platform", "command"],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const cooldowns = new Counter({
    name: `${PREFIX}cooldown_hits_total`,
    help: "Commands refused because the member sent too many within the cooldown window",
    labelNames: ["platform"],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: `${PREFIX}platform_api_errors_total`,
    help: "Requests to a platform's API answered with an HTTP status of 400 or more, by status",
    labelNames: ["platform", "status"],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: `${PREFIX}platform_rate_limited_total`,
    help: "Requests a platform rate-limited (Discord: discord.js held one back or got a 429; Slack: a 429)",
    labelNames: ["platform"],
    registers: [registry],
  });
  let adapters: () => readonly RunningAdapter[] = () => [];
  new Gauge({
    name: `${PREFIX}adapter_state`,
    help: "1 for each adapter's current state (starting, ready, reconnecting, stopping, stopped)",
    labelNames: ["adapter", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const adapter of adapters()) this.set({ adapter: adapter.name, state: adapter.health().state }, 1);
    },
  });
  new Gauge({
    name: `${PREFIX}shard_state`,
    help: "1 for each gateway shard's current state, for adapters that run shards",
    labelNames: ["adapter", "shard", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const adapter of adapters())
        for (const [shard, state] of shardStates(adapter.health()))
          this.set({ adapter: adapter.name, shard, state }, 1);
    },
  });

  // Bound series per platform and command, made on first use: a command then costs map lookups.
  const series = new Map<string, Map<Command | undefined, CommandSeries>>();
  const seriesFor = (platform: string, command: Command | undefined): CommandSeries => {
    let byCommand = series.get(platform);
    if (!byCommand) {
      byCommand = new Map();
      series.set(platform, byCommand);
    }
    const known = byCommand.get(command);
    if (known) return known;
    const labels = { platform, command: command ? commandPath(command) : "unknown" };
    const outcomes = new Map<CommandResult, Counter.Internal>();
    const made: CommandSeries = {
      outcome: (result) => {
        const counter = outcomes.get(result);
        if (counter) return counter;
        const made = commands.labels({ ...labels, outcome: result });
        outcomes.set(result, made);
        return made;
      },
      duration: durations.labels(labels),
    };
    byCommand.set(command, made);
    return made;
  };

  return {
    registry,
    watch(running) {
      adapters = running;
    },
    command(platform, command, result, seconds) {
      const s = seriesFor(platform, command);
      s.outcome(result).inc();
      s.duration.observe(seconds);
      if (result === "cooldown") cooldowns.inc({ platform });
    },
    platformError(platform, status) {
      apiErrors.inc({
        platform,
        status: Number.isInteger(status) && status >= 100 && status < 600 ? String(status) : "other",
      });
    },
    rateLimited(platform) {
      rateLimited.inc({ platform });
    },
    serve(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
        res.end("Use GET /metrics\n");
        return;
      }
      merged(registry, adapters()).then(
        (body) => {
          res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : body);
        },
        () => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end("The metrics could not be collected. Try again in a moment.\n");
        },
      );
    },
  };
}

/**
 * This process's metrics as prom-client's JSON, for the process that runs it (Discord's shard
 * manager merges them below); none when nothing here counts (the observer is not a Metrics).
 */
export function metricsJson(observer: BotObserver | undefined): Promise<unknown[]> {
  const registry = (observer as Partial<Metrics> | undefined)?.registry;
  return registry instanceof Registry ? registry.getMetricsAsJSON() : Promise.resolve([]);
}

/** This registry's metrics, with those of the processes the adapters run (summed by prom-client). */
async function merged(registry: Registry, adapters: readonly RunningAdapter[]): Promise<string> {
  const remote = (await Promise.all(adapters.filter(hasRemote).map((a) => a.remoteMetrics()))).flat();
  if (remote.length === 0) return registry.metrics();
  const theirs = remote.map((metrics) =>
    (metrics as MetricObjectWithValues<MetricValue<string>>[]).filter(
      (m) => typeof m?.name === "string" && !OWN_ONLY.has(m.name),
    ),
  );
  return AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...theirs]).metrics();
}

/** Each shard's state, when the adapter's health reports shards (by number); none otherwise. */
function shardStates(health: AdapterHealth): [string, string][] {
  const shards = (health as { shards?: unknown }).shards;
  if (!shards || typeof shards !== "object") return [];
  return Object.entries(shards as Record<string, unknown>).flatMap(([id, entry]) => {
    const state = (entry as Partial<AdapterHealth> | undefined)?.state;
    return /^\d{1,5}$/u.test(id) && typeof state === "string" ? [[id, state] as [string, string]] : [];
  });
}

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version?: unknown };
  return typeof version === "string" ? version : "unknown";
}
