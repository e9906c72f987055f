import { commands } from "../commands/index.js";
import { ArticleDataError, loadArticle } from "./article/load.js";
import type { Bot, RunningAdapter } from "./core/answer.js";
import { CLI_USAGE, parseCli } from "./runtime/cli.js";
import { ConfigError, loadEnvFile, parseConfig } from "./runtime/config.js";
import { Cooldown } from "./runtime/cooldown.js";
import { createLogger } from "./runtime/log.js";

/** Reads config, loads the article, starts the adapters the config enables (console when none). */
async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  if ("error" in cli) return fail(`${cli.error}\n${CLI_USAGE}`);
  if (cli.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }

  loadEnvFile();
  const config = parseConfig(process.env);
  const platforms = Boolean(config.discord || config.slack);
  // The console prompt shares the terminal with the log: keep the log to warnings there.
  const log = createLogger({
    level: config.logLevel ?? (platforms ? "info" : "warn"),
    format: config.logFormat,
    secrets: config.secrets,
  });
  const { commands: perWindow, seconds } = config.cooldown;
  const bot: Bot = {
    article: loadArticle(config.articleDir),
    commands,
    log,
    // The console has one local user: no cooldown there.
    cooldown: platforms && perWindow > 0 ? new Cooldown(perWindow, seconds * 1000) : undefined,
  };

  if (!platforms) {
    const { runConsole } = await import("./adapters/console/start.js");
    await runConsole(bot, cli);
    return 0;
  }

  // Platform libraries are loaded only when their platform is configured.
  const running: RunningAdapter[] = [];
  const afterStop: (() => Promise<void>)[] = [];
  stopOnSignals(running, afterStop, log);
  if (config.discord) {
    const { startDiscord } = await import("./adapters/discord/start.js");
    running.push(await startDiscord(bot, config.discord));
  }
  if (config.slack) {
    const { startSlack } = await import("./adapters/slack/start.js");
    // HTTP mode serves GET /healthz on PORT, reporting every running adapter.
    running.push(await startSlack(bot, config.slack, { adapters: () => running }));
  }
  if (config.healthPort !== undefined) {
    const { startHealthServer } = await import("./runtime/health.js");
    const server = await startHealthServer(config.healthPort, () => running);
    log.info({ port: server.port }, "health endpoint at GET /healthz");
    afterStop.push(server.close);
  }
  log.info({ platforms: running.map((a) => a.name) }, "bot started");
  return 0;
}

/** SIGTERM/SIGINT: each adapter stops taking commands, finishes what is in flight and disconnects. */
function stopOnSignals(running: RunningAdapter[], afterStop: (() => Promise<void>)[], log: Bot["log"]): void {
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
        // The health endpoint goes last, so it reports the adapters stopping until they have.
        await Promise.allSettled(afterStop.map((close) => close()));
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
