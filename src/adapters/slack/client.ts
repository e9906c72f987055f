import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  App,
  type Logger as BoltLogger,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  SocketModeReceiver,
  webApi,
} from "@slack/bolt";
import type { BotObserver } from "../../core/observe.js";
import { ConfigError } from "../../runtime/config.js";
import type { Logger } from "../../runtime/log.js";
import { errorReason, platformErrorCode } from "./errors.js";
import { gate } from "./http-gate.js";
import type { SlackSettings } from "./settings.js";

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
  fetch: webApi.FetchFunction;
}

/**
 * Bolt's respond() posts to the response_url with the clients' fetch and no timeout of its own: a
 * response_url that never answers would hold up a command (and its thread post) for minutes. The
 * Web API client passes its own signal, which is kept. Every request to Slack goes through here,
 * so the observer (GET /metrics) hears each error status and 429 here.
 */
export const fetchWithin =
  (ms: number, observer?: BotObserver): webApi.FetchFunction =>
  async (url, init) => {
    const response = await fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) });
    if (observer && response.status >= 400) {
      observer.platformError("slack", response.status);
      if (response.status === 429) observer.rateLimited("slack");
    }
    return response;
  };

/**
 * Checks the bot token once at start-up so a wrong token stops the process with a clear message,
 * instead of failing on every command later. The answer also lets Bolt skip its own auth.test.
 * Nothing is retried here: a refused connection is reported at once, as a network problem, and
 * only Slack's own answer is reported as a token problem.
 */
export async function identify(config: SlackSettings, options: ClientOptions): Promise<SlackIdentity> {
  const client = new webApi.WebClient(config.botToken, { ...options, retryConfig: { retries: 0 } });
  try {
    const who = await client.auth.test();
    return { botUserId: who.user_id ?? "", botId: who.bot_id ?? "", botName: who.user ?? "" };
  } catch (error) {
    throw new ConfigError([startupProblem(error, config.apiUrl)]);
  }
}

function startupProblem(error: unknown, apiUrl: string): string {
  const e = error as { code?: string; original?: Error } | undefined;
  if (platformErrorCode(error) !== undefined)
    return `SLACK_BOT_TOKEN was not accepted by Slack at ${apiUrl}: ${errorReason(error)}. Check the Bot User OAuth Token (OAuth & Permissions) in .env.`;
  if (e?.code === webApi.ErrorCode.RequestError)
    return `Could not reach Slack at ${apiUrl} (${networkCause(e.original)}); the token was not checked. Check the network and SLACK_API_URL.`;
  return `Slack could not check SLACK_BOT_TOKEN at ${apiUrl}: ${errorReason(error)}. Try again in a minute; if it persists, check SLACK_API_URL.`;
}

/** fetch says only "fetch failed"; the system's code (ECONNREFUSED, ENOTFOUND) is in its cause. */
function networkCause(original: Error | undefined): string {
  if (original?.name === "TimeoutError") return "no answer in time";
  const cause = original?.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  return [original?.message ?? "no answer", detail].filter(Boolean).join(": ");
}

/** What Bolt's HTTPReceiver needs for OAuth (oauth/installer.ts builds it). */
export type OAuthReceiverOptions = Pick<
  HTTPReceiverOptions,
  "clientId" | "clientSecret" | "stateSecret" | "scopes" | "installationStore" | "installerOptions"
>;

/** HTTP mode on its own server serves GET /healthz on the same port as the commands. */
export type HealthRoute = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The Bolt app for the configured mode: Socket Mode with an app token, else HTTP on PORT. The
 * Socket Mode receiver is built here so that its client does not reconnect on its own: the
 * adapter does, at once (socket-mode.ts); the HTTP receiver, so that http-gate.ts screens
 * requests before it. With `oauth` (HTTP mode only) there is no token: Bolt's installer serves the
 * install pages and its authorize finds each workspace's installation. `health` is absent when the
 * receiver is mounted on the bot's web server (`listener`), which serves GET /healthz itself.
 */
export function createApp(
  config: SlackSettings,
  identity: SlackIdentity | undefined,
  options: ClientOptions,
  health: HealthRoute | undefined,
  log: Logger,
  oauth?: OAuthReceiverOptions,
): { app: App; socket?: SocketModeReceiver["client"]; listener?: RequestListener } {
  const common = {
    ...(identity ? { token: config.botToken, botId: identity.botId, botUserId: identity.botUserId } : {}),
    logger: options.logger,
    // A fresh object: Bolt and the Socket Mode client write into the options they are given.
    clientOptions: { ...options },
    // Slash commands need no conversation state; skipping the store saves work on every request.
    convoStore: false as const,
  };
  if (config.mode === "socket") {
    const receiver = new SocketModeReceiver({
      appToken: config.appToken ?? "",
      logger: options.logger,
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: { ...options } },
    });
    return { app: new App({ ...common, socketMode: true, receiver }), socket: receiver.client };
  }
  const signingSecret = config.signingSecret ?? "";
  const receiver = new HTTPReceiver({
    signingSecret,
    logger: options.logger,
    customRoutes: health ? [{ path: "/healthz", method: ["GET", "HEAD"], handler: health }] : [],
    ...oauth,
  });
  gate(receiver, { signingSecret, log });
  const app = new App({ ...common, receiver });
  return { app, listener: mountable(receiver, options.logger) };
}

/**
 * The receiver's listener for another server: a path it does not serve makes it throw, which its
 * own server turns into a 404 with Bolt's error handler; so does this.
 */
function mountable(receiver: HTTPReceiver, logger: BoltLogger): RequestListener {
  return (request, response) => {
    try {
      receiver.requestListener(request, response);
    } catch (error) {
      HTTPModuleFunctions.defaultDispatchErrorHandler({ error: error as Error, logger, request, response });
    }
  };
}
