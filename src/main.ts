/**
 * Reads the configuration, loads the article, opens the database (src/state) for the platforms, and
 * starts every adapter whose settings are present (src/adapters/registry.ts), or the console when
 * none is (it opens the database only when a command needs it). With platforms, the bot's HTTP
 * server (PORT, and HEALTH_PORT: src/runtime/serve.ts) starts first, with GET /healthz and GET
 * /metrics. SIGTERM and SIGINT stop them gracefully, the database and then the HTTP servers last.
 */
import { fileURLToPath } from "node:url";
import { commands } from "../commands/index.js";
import type { RunningAdapter } from "./adapters/contract.js";
import { configure, startEnabled } from "./adapters/registry.js";
import { type FetchSettings, fetchSettings } from "./article/fetch/settings.js";
import type { AddedBy } from "./article/kinds.js";
import { ArticleDataError, loadArticle } from "./article/load.js";
import { SNAPSHOT_FILE } from "./article/snapshot.js";
import { createBot } from "./core/answer.js";
import { forArticle } from "./core/command.js";
import { CLI_USAGE, parseCli } from "./runtime/cli.js";
import { ConfigError, loadEnvFile } from "./runtime/config.js";
import { createLogger, type Logger, lazyLogger } from "./runtime/log.js";
import type { Metrics } from "./runtime/metrics.js";
import type { RedisSettings } from "./runtime/redis-settings.js";
import { lazyStore } from "./state/lazy.js";
import { storeRecords } from "./state/records.js";

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  if ("error" in cli) return fail(`${cli.error}\n${CLI_USAGE}`);
  if (cli.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }

  loadEnvFile();
  const config = configure(process.env);
  const platforms = config.enabled.length > 0;
  // The console prompt shares the terminal with the log: keep the log to warnings there.
  const logOptions = {
    level: config.logLevel ?? (platforms ? "info" : "warn"),
    format: config.logFormat,
    secrets: config.secrets,
    fields: config.logFields,
  };
  // A platform logs from the start; the console, only when something goes wrong.
  const log = platforms ? createLogger(logOptions) : lazyLogger(() => createLogger(logOptions));
  // The build's snapshot of the shipped article sits beside the built entry point (snapshot.ts).
  const article = loadArticle(config.articleDir, fileURLToPath(new URL(SNAPSHOT_FILE, import.meta.url)));
  // Opened when something first needs it (the console: /article post or /article history); a
  // platform opens it before connecting, below. Closed after the adapters have stopped.
  const state = lazyStore(config.state, log);
  // REDIS_URL with platforms: replicas share cooldowns, locks, previews and seen requests.
  const redis = platforms && config.redis ? await openShared(config.redis, log) : undefined;
  // Counted for GET /metrics; the console serves no HTTP, so it counts nothing.
  const metrics: Metrics | undefined = platforms
    ? (await import("./runtime/metrics.js")).createMetrics()
    : undefined;
  const bot = createBot({
    article,
    commands: forArticle(commands, article),
    log,
    // The console has one local user: no cooldown there.
    cooldown: platforms ? config.cooldown : undefined,
    ...storeRecords(state.get, log),
    // The console's channel reads the shipped article until something opens the database.
    ...(platforms ? {} : { consultShelf: () => state.opened }),
    ingest: addFromLink(fetchSettings(process.env)),
    shared: redis?.seams,
    observer: metrics,
  });

  const running: RunningAdapter[] = [];
  const afterStop: (() => Promise<void>)[] = [];
  afterStop.push(state.close);
  if (redis) afterStop.push(redis.close);
  // The HTTP servers go last, so /healthz reports the adapters stopping until they have.
  const lastly: (() => Promise<void>)[] = [];
  stopOnSignals(running, [afterStop, lastly], log);
  if (!platforms) {
    const { start } = await import("./adapters/console/start.js");
    const console = await start(bot, cli);
    running.push(console);
    await console.done;
    // A Postgres pool opened by /article post or /article history would keep the process alive.
    await state.close();
    return 0;
  }

  // An unreachable database stops start-up with one line, before any platform connects.
  await state.get();
  metrics?.watch(() => running);
  const { startServers } = await import("./runtime/serve.js");
  const servers = await startServers(config, {
    adapters: () => running,
    state: config.state.engine === "postgres" ? state : undefined,
    redis: redis?.redis,
    metrics,
    log,
  });
  lastly.push(servers.close);
  try {
    // Each platform's library is loaded only when that platform is configured.
    await startEnabled(config.enabled, bot, running, state.get, config.host, servers.web);
  } catch (error) {
    // Nothing may keep a process that failed to start alive.
    await servers.close();
    throw error;
  }
  log.info({ platforms: running.map((a) => a.name) }, "bot started");
  // Off the clock, once started: a member's first command on an added article need not wait.
  bot.library.warm().then(
    (warmed) =>
      warmed
        ? log.info("added-article builder loaded")
        : log.debug("no added articles: the added-article builder loads on first use"),
    (error: unknown) => log.warn({ err: error }, "could not warm the added-article builder"),
  );
  return 0;
}

/** /article add: the fetch and extraction code (undici, linkedom, Readability) loads on first use. */
function addFromLink(fetch: FetchSettings) {
  return async (url: string, by: AddedBy) => {
    const { ingest } = await import("./article/added/ingest.js");
    return ingest(url, { addedBy: by, fetch: { allowPrivate: fetch.allowPrivate } });
  };
}

/** Connects to Redis, waiting briefly: when it is not reachable yet, the bot starts on local state. */
async function openShared(settings: RedisSettings, log: Logger) {
  const { lazyRedis, redisSeams } = await import("./state/redis/index.js");
  const { SeenInMemory } = await import("./state/seen-memory.js");
  const redis = lazyRedis(settings, log);
  if (await redis.connected(2_000)) log.info("shared state in Redis (REDIS_URL)");
  return {
    redis,
    seams: redisSeams(redis, new SeenInMemory(), { ttlMs: settings.lockTtlMs }),
    close: redis.close,
  };
}

/**
 * SIGTERM/SIGINT: each adapter stops taking commands, finishes what is in flight and disconnects;
 * then each group of closers in turn (those within a group at once).
 */
function stopOnSignals(running: RunningAdapter[], closers: (() => Promise<void>)[][], log: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    const deadline = setTimeout(() => {
      log.error({ signal }, "adapters did not stop within 5 seconds; exiting anyway");
      process.exit(1);
    }, 5_000);
    deadline.unref();
    Promise.allSettled(running.map((a) => a.stop()))
      .then(async (results) => {
        for (const [i, r] of results.entries())
          if (r.status === "rejected")
            log.error({ err: r.reason, adapter: running[i]?.name }, "adapter failed to stop");
        for (const group of closers) await Promise.allSettled(group.map((close) => close()));
        log.info("stopped");
      })
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof ArticleDataError)
      process.exitCode = fail(error.message);
    else {
      process.stderr.write(
        `The bot could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
