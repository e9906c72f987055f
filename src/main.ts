import { commands } from "../commands/index.js";
import { ArticleDataError, loadArticle } from "./article/load.js";
import type { Bot, RunningAdapter } from "./bot.js";
import { CLI_USAGE, parseCli } from "./cli.js";
import { ConfigError, loadEnvFile, parseConfig } from "./config.js";
import { createLogger } from "./log.js";

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
  const bot: Bot = { article: loadArticle(config.articleDir), commands, log };

  if (!platforms) {
    const { runConsole } = await import("./adapters/console/start.js");
    await runConsole(bot, cli);
    return 0;
  }

  // Platform libraries are loaded only when their platform is configured.
  const running: RunningAdapter[] = [];
  stopOnSignals(running, log);
  if (config.discord) {
    const { startDiscord } = await import("./adapters/discord/start.js");
    running.push(await startDiscord(bot, config.discord));
  }
  log.info({ platforms: running.map((a) => a.name) }, "bot started");
  return 0;
}

/** SIGTERM/SIGINT: each adapter stops taking commands, finishes what is in flight and disconnects. */
function stopOnSignals(running: RunningAdapter[], log: Bot["log"]): void {
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
    Promise.allSettled(running.map((a) => a.stop())).then((results) => {
      for (const [i, r] of results.entries())
        if (r.status === "rejected")
          log.error({ err: r.reason, adapter: running[i]?.name }, "adapter failed to stop");
      log.info("stopped");
      process.exit(0);
    });
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
