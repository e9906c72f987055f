import { App, type Logger as BoltLogger, webApi } from "@slack/bolt";
import { ConfigError, type SlackConfig } from "../../config.js";
import { describeSlackError } from "./api-errors.js";

/** Who the bot is in the workspace, from auth.test: the name goes into `/invite @name` hints. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
  botName: string;
}

/** Options for every Web API client: all of them (Socket Mode's too) talk to config.apiUrl. */
export interface ClientOptions {
  slackApiUrl: string;
  retryConfig: webApi.RetryOptions;
  timeout: number;
  logger: BoltLogger;
}

/**
 * Checks the bot token once at start-up so a wrong token stops the process with a clear message,
 * instead of failing on every command later. The answer also lets Bolt skip its own auth.test.
 */
export async function identify(config: SlackConfig, options: ClientOptions): Promise<SlackIdentity> {
  const client = new webApi.WebClient(config.botToken, { ...options });
  try {
    const who = await client.auth.test();
    return { botUserId: who.user_id ?? "", botId: who.bot_id ?? "", botName: who.user ?? "" };
  } catch (error) {
    throw new ConfigError([
      `SLACK_BOT_TOKEN was not accepted by Slack at ${config.apiUrl}: ${describeSlackError(error)}. Check the Bot User OAuth Token (OAuth & Permissions) in .env.`,
    ]);
  }
}

/** The Bolt app for the configured mode: Socket Mode with an app token, else HTTP on PORT. */
export function createApp(config: SlackConfig, identity: SlackIdentity, options: ClientOptions): App {
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger: options.logger,
    // A fresh object: Bolt and the Socket Mode client write into the options they are given.
    clientOptions: { ...options },
    // Slash commands need no conversation state; skipping the store saves work on every request.
    convoStore: false as const,
  };
  if (config.mode === "socket")
    return new App({ ...common, socketMode: true, appToken: config.appToken ?? "" });
  return new App({ ...common, signingSecret: config.signingSecret ?? "" });
}
