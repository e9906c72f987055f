import type { AddressInfo } from "node:net";
import type { webApi } from "@slack/bolt";
import type { Bot, RunningAdapter } from "../../bot.js";
import { ConfigError, type SlackConfig } from "../../config.js";
import { describeSlackError } from "./api-errors.js";
import { type ClientOptions, createApp, identify, type SlackIdentity } from "./app.js";
import { boltLogger } from "./bolt-logger.js";
import { commandListener } from "./command-listener.js";
import { moderatorCheck } from "./moderators.js";
import { Pacer } from "./pacer.js";

export interface SlackStartOptions {
  /** Milliseconds between messages to one channel; Slack allows about one a second. */
  paceMs?: number;
  /** An answer ready within this many ms goes in the ack; a slower one is acked first. */
  ackDeadlineMs?: number;
  /** The Web API client's retry policy (tests retry nothing, so a fault cannot hang them). */
  retryConfig?: webApi.RetryOptions;
}

export interface SlackAdapter extends RunningAdapter {
  identity: SlackIdentity;
  /** HTTP mode: where Slack must send commands (Request URL), with the port actually bound. */
  url?: string;
}

// A few quick retries for 5xx and network errors (and waits for Retry-After on 429), not the
// library's default of ten over half an hour: a moderator is waiting for the answer.
const RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 10_000,
  randomize: true,
};
const REQUEST_TIMEOUT_MS = 10_000;

/** Starts the Slack adapter in Socket Mode or HTTP mode and resolves once it takes commands. */
export async function startSlack(
  bot: Bot,
  config: SlackConfig,
  options: SlackStartOptions = {},
): Promise<SlackAdapter> {
  const log = bot.log.child({ adapter: "slack" });
  const clientOptions: ClientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: options.retryConfig ?? RETRY,
    timeout: REQUEST_TIMEOUT_MS,
    logger: boltLogger(log),
  };
  const identity = await identify(config, clientOptions);
  const app = createApp(config, identity, clientOptions);

  // Commands still being answered (a thread post can take a while); stop() waits for them.
  const inFlight = new Set<Promise<void>>();
  const listener = commandListener({
    bot,
    isModerator: moderatorCheck(config, app.client, log),
    thread: { client: app.client, pacer: new Pacer(options.paceMs ?? 1_000), log, botName: identity.botName },
    ackDeadlineMs: options.ackDeadlineMs ?? 2_000,
  });
  // Every slash command routed to this app is answered, even one renamed in Slack's settings.
  app.command(/^\/.+/u, (args) => {
    const work = listener(args);
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  });
  app.error(async (error) => {
    log.error({ err: error, platform: "slack" }, "Slack request failed");
  });

  const url = await listen(app, config);
  log.info({ mode: config.mode, url, bot: identity.botName }, "Slack adapter ready");
  return {
    name: "slack",
    identity,
    ...(url ? { url } : {}),
    async stop() {
      await app.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function listen(app: ReturnType<typeof createApp>, config: SlackConfig): Promise<string | undefined> {
  if (config.mode === "socket") {
    try {
      await app.start();
      return undefined;
    } catch (error) {
      throw new ConfigError([
        `Slack refused the Socket Mode connection: ${describeSlackError(error)}. Check SLACK_APP_TOKEN (an app-level token with connections:write) and that Socket Mode is on for the app.`,
      ]);
    }
  }
  const port = config.port ?? 3000;
  try {
    const server = await app.start(port);
    return `http://localhost:${(server.address() as AddressInfo).port}/slack/events`;
  } catch (error) {
    throw new ConfigError([
      `Slack HTTP mode could not listen on PORT ${port}: ${describeSlackError(error)}.`,
    ]);
  }
}
