/**
 * DISCORD_SHARDS: the gateway through discord.js's ShardingManager. This process connects to no
 * gateway itself; it spawns one process per shard id it runs (`node dist/src/main.js`, which
 * discord.js tells which shard it is: role.ts), paces their logins as Discord asks, respawns one
 * that dies (after a short, growing pause, so a shard that cannot start does not spin) with the
 * session the dead one had, so it resumes (sessions.ts), serves each one's health (child.ts reports
 * it) and their metrics beside its own (metrics.ts), and stops them all on stop(), each draining
 * its commands in flight as a single process does.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from "discord.js";
import type { Bot } from "../../../core/answer.js";
import { ConfigError } from "../../../runtime/config.js";
import type { Logger } from "../../../runtime/log.js";
import type { RemoteMetrics } from "../../../runtime/metrics.js";
import { ROOT } from "../../../runtime/paths.js";
import type { RunningAdapter } from "../../contract.js";
import type { Phase } from "../health.js";
import type { DiscordSettings } from "../settings.js";
import { startError } from "../startup.js";
import { exitWords, ShardHealth } from "./health.js";
import { isHealthMessage, STOP_MESSAGE } from "./messages.js";
import { ShardMetrics } from "./metrics.js";
import { ShardSessions } from "./sessions.js";
import type { ShardSettings } from "./settings.js";

/** The bot's entry point, which every shard process runs (dist/src/main.js once built). */
const MAIN = join(ROOT, "dist", "src", "main.js");
/** Discord lets each bucket of shards identify once per 5 s; discord.js's own pause, with its margin. */
const IDENTIFY_WINDOW_MS = 5_500;
/** A shard process that is not connected by then has failed to start. */
const READY_TIMEOUT_MS = 30_000;
/** A shard told to stop gets this long to drain (3 s + 1 s in start.ts) before it is killed. */
const STOP_GRACE_MS = 4_600;
/** A shard that failed to start gets this long to print its reason and exit by itself. */
const FAILED_GRACE_MS = 3_000;
const RESPAWN_MS = { first: 500, max: 30_000 };

export async function startShards(
  bot: Bot,
  settings: DiscordSettings,
  wanted: ShardSettings,
): Promise<RunningAdapter & RemoteMetrics> {
  const log = bot.log.child({ platform: "discord" });
  const gateway = await gatewayBot(settings);
  const count = wanted.count === "auto" ? gateway.shards : wanted.count;
  const ids = wanted.ids ?? [...Array(count).keys()];
  const health = new ShardHealth(ids);
  let phase: Phase = "starting";
  const manager = new ShardingManager(MAIN, {
    totalShards: count,
    shardList: ids,
    respawn: false,
    token: settings.token,
    // Node's own flags (a loader, a heap size) apply to every shard; a debugger port cannot be shared.
    execArgv: process.execArgv.filter((flag) => !flag.startsWith("--inspect")),
  });
  const sessions = new ShardSessions();
  const metrics = new ShardMetrics();
  const respawns = new Respawns(
    log,
    () => phase === "running" || phase === "starting",
    (shard) => sessions.prepare(shard, true),
  );
  manager.on("shardCreate", (shard) => {
    sessions.prepare(shard, false);
    shard.on("spawn", () => {
      health.spawned(shard.id);
      log.info({ shard: shard.id, pid: shard.process?.pid }, "shard process started");
    });
    shard.on("message", (m: unknown) => {
      if (sessions.heard(shard.id, m) || metrics.heard(m) || !isHealthMessage(m)) return;
      health.reported(shard.id, m.botHealth);
      if (m.botHealth.state === "ready") respawns.ready(shard.id);
    });
    shard.on("death", (exited) => {
      // The manager runs shards as processes (its default mode), never as worker threads.
      const { exitCode, signalCode } = exited as ChildProcess;
      const how = exitWords(exitCode, signalCode);
      const again = phase === "running";
      health.exited(shard.id, how, again);
      if (again) respawns.schedule(shard, how);
    });
    shard.on("error", (error: Error) => log.warn({ shard: shard.id, problem: error.message }, "shard error"));
  });

  log.info({ shards: ids, count, recommended: gateway.shards }, "starting Discord shard processes");
  try {
    // Shards in different buckets may identify together; those in one bucket 5 s apart.
    const delay = Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, gateway.session_start_limit.max_concurrency));
    await manager.spawn({ amount: count, delay, timeout: READY_TIMEOUT_MS });
  } catch (error) {
    phase = "stopped";
    // The shard that failed says why on its way out (a rejected token, say): let it, then stop the rest.
    await Promise.all(manager.shards.map((shard) => stopShard(shard, FAILED_GRACE_MS)));
    throw new ConfigError([
      `A Discord shard process could not connect (${error instanceof Error ? error.message : String(error)}); the lines above say why.`,
    ]);
  }
  phase = "running";
  log.info({ shards: ids, count }, "connected to Discord");

  return {
    name: "discord",
    health: () => ({ state: phase === "running" ? "ready" : phase, shards: health.all() }),
    remoteMetrics: () => metrics.collect(manager.shards.values()),
    async stop() {
      if (phase !== "running") return;
      phase = "stopping";
      respawns.cancel();
      await Promise.all(manager.shards.map((shard) => stopShard(shard, STOP_GRACE_MS)));
      phase = "stopped";
    },
  };
}

/** GET /gateway/bot: Discord's recommended shard count and how many shards may identify at once. */
async function gatewayBot(settings: DiscordSettings): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST({ api: settings.apiUrl }).setToken(settings.token);
  try {
    return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (error) {
    throw startError(error, settings, undefined);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Tells a shard's process to stop and waits for it, killing it after `graceMs`. */
function stopShard(shard: Shard, graceMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    shard.send(STOP_MESSAGE).catch(() => child.kill("SIGKILL"));
  });
}

/** Respawns a dead shard after a pause that doubles each time it dies before it was ready again. */
class Respawns {
  private readonly failures = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly log: Logger,
    private readonly wanted: () => boolean,
    private readonly beforeSpawn: (shard: Shard) => void,
  ) {}

  schedule(shard: Shard, how: string): void {
    const failures = this.failures.get(shard.id) ?? 0;
    this.failures.set(shard.id, failures + 1);
    const inMs = Math.min(RESPAWN_MS.max, RESPAWN_MS.first * 2 ** failures);
    this.log.warn({ shard: shard.id, inMs }, `shard process ${how}; respawning it`);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.wanted() || shard.process) return;
      this.beforeSpawn(shard);
      // A respawn that dies again is scheduled again by its death; a timeout is logged here.
      shard.spawn(READY_TIMEOUT_MS).catch((error: Error) => {
        if (shard.process)
          this.log.warn({ shard: shard.id, problem: error.message }, "respawned shard not ready yet");
      });
    }, inMs);
    this.timers.add(timer);
  }

  ready(id: number): void {
    this.failures.delete(id);
  }

  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
