/**
 * The Slack adapter's entry point (the contract in ../contract.ts): checks the token, builds the
 * Bolt app for Socket Mode or HTTP, routes every slash command to inbound.ts and every mention of
 * the bot to mention.ts, and owns the lifecycle (ready → stopping → stopped) and the drain of
 * commands in flight. `platform: "slack"`
 * is set once here, on the log every other file is given.
 */
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App, webApi } from "@slack/bolt";
import type { Bot } from "../../core/answer.js";
import { Confirmations } from "../../core/thread/confirm.js";
import { within } from "../../runtime/abort.js";
import { ConfigError } from "../../runtime/config.js";
import { serveHealth } from "../../runtime/health.js";
import { type DrainOptions, InFlight } from "../../runtime/in-flight.js";
import type { AdapterHost, AdapterModule, RunningAdapter } from "../contract.js";
import { type ModeratorCheck, moderatorCheck } from "./access.js";
import { type ClientOptions, createApp, fetchWithin, identify, type SlackIdentity } from "./client.js";
import { BUTTON_IDS, type PostRequest } from "./confirm.js";
import { keepConnected, RECONNECT, type ReconnectOptions } from "./connection.js";
import { errorFields, errorReason } from "./errors.js";
import { type Phase, slackHealth } from "./health.js";
import { buttonsListener, commandListener, type ListenerDeps } from "./inbound.js";
import { boltLogger } from "./log.js";
import { mentionListener } from "./mention.js";
import { notInstalledIn } from "./oauth/installation-store.js";
import { oauthReceiver } from "./oauth/installer.js";
import { forgetRemovedInstallations } from "./oauth/uninstall.js";
import { buildManifest } from "./register.js";
import { SeenInMemory, type SeenRequests, skipRepeats } from "./replay.js";
import { isSlackHook } from "./respond.js";
import type { SlackSettings } from "./settings.js";
import { Pacer } from "./thread/pacer.js";
import { Workspaces } from "./workspaces.js";

export interface SlackStartOptions {
  /** Milliseconds between messages to one channel; Slack allows about one a second. */
  paceMs?: number;
  /** An answer ready within this many ms goes in the ack; a slower one is acked first. */
  ackDeadlineMs?: number;
  /** The Web API client's retry policy (tests retry nothing, so a fault cannot hang them). */
  retryConfig?: webApi.RetryOptions;
  /** How long one request to Slack (a Web API call, a response_url post) may take. */
  requestTimeoutMs?: number;
  /** Socket Mode: how soon, and how often, to reconnect when the connection closes. */
  reconnect?: Partial<ReconnectOptions>;
  /** stop(): how long running commands may take, then how long the ones cut short may take to say so. */
  shutdown?: Partial<DrainOptions>;
  /** Which requests were already run (default: this process's memory; a shared store for replicas). */
  seen?: SeenRequests;
  /** OAuth: refresh a bot token expiring within this many ms (default 10 minutes). */
  refreshMarginMs?: number;
}

export interface SlackAdapter extends RunningAdapter {
  /** Who the bot is; with OAuth each workspace has its own, and this is absent. */
  identity: SlackIdentity | undefined;
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
// main.ts exits at 5 s whatever happens: drain, last notes and closing fit well inside that.
const SHUTDOWN: DrainOptions = { drainMs: 2_500, noteMs: 1_000 };
const CLOSE_MS = 500;

/**
 * Starts the Slack adapter in Socket Mode or HTTP mode and resolves once it takes commands. HTTP
 * mode serves on the host's web server (PORT) when there is one; on a server of its own, it also
 * answers GET /healthz for every adapter the host runs. `options` are for tests and benches.
 */
export const start = (async (
  bot: Bot,
  config: SlackSettings,
  host: AdapterHost,
  options: SlackStartOptions = {},
): Promise<SlackAdapter> => {
  const log = bot.log.child({ platform: "slack" });
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const clientOptions: ClientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: options.retryConfig ?? RETRY,
    timeout,
    logger: boltLogger(log),
    fetch: fetchWithin(timeout, bot.observer),
  };
  const oauth = config.oauth
    ? oauthReceiver(config.oauth, {
        state: host.state,
        scopes: buildManifest(bot.commands, {
          name: "",
          socketMode: false,
          adminsAreModerators: config.adminsAreModerators,
        }).oauth_config.scopes.bot,
        clientOptions,
        log,
        ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
      })
    : undefined;
  // With OAuth the database holds every token: a wrong TOKEN_ENCRYPTION_KEY stops start-up here.
  if (oauth) await host.state();
  const identity = oauth ? undefined : await identify(config, clientOptions);
  const workspaces = new Workspaces(clientOptions);
  if (identity) workspaces.for(config.botToken, identity);
  // On the bot's web server (PORT) GET /healthz is the runtime's; on a server of its own, Slack's.
  const health = host.web ? undefined : serveHealth(host.adapters);
  const {
    app,
    socket: socketClient,
    listener,
  } = createApp(config, identity, clientOptions, health, log, oauth?.options);
  // First of all middleware: a retried or replayed request is acked and runs no listener.
  app.use(skipRepeats(options.seen ?? bot.seen ?? new SeenInMemory(), log));
  if (oauth) forgetRemovedInstallations(app, { installations: oauth.installations, workspaces, log });

  // Commands still being answered (a thread post can take a while); stop() lets them finish.
  const inFlight = new InFlight();
  const pacer = new Pacer(options.paceMs ?? 1_000);
  // One registry for every workspace: a press is matched to its preview by id and owner.
  // Slack's pending target is plain data, so replicas can share it (REDIS_URL).
  const pending = bot.sharedPending ?? bot.confirm.pending;
  const confirmations = new Confirmations<PostRequest>({ ...bot.confirm, pending }, "slack");
  const shared = {
    bot,
    log,
    isSlackHook: isSlackHook(config.apiUrl),
    inFlight,
    ackDeadlineMs: options.ackDeadlineMs ?? 2_000,
  };
  // Each command is answered with the clients of the workspace it came from: Bolt's authorize put
  // that workspace's bot token in the context (SLACK_BOT_TOKEN without OAuth).
  // One moderator check per workspace client, not one per request (it asks users.info afresh anyway).
  const moderatorChecks = new WeakMap<webApi.WebClient, ModeratorCheck>();
  const isModeratorIn = (client: webApi.WebClient): ModeratorCheck => {
    const known = moderatorChecks.get(client);
    if (known) return known;
    const check = moderatorCheck(config, client);
    moderatorChecks.set(client, check);
    return check;
  };
  const depsFor = async (context: { botToken?: string; botId?: string; botUserId?: string }) => {
    const workspace = workspaces.for(context.botToken ?? config.botToken);
    const who = await workspace.identity().catch((error: unknown) => {
      log.warn({ cause: errorReason(error) }, "auth.test failed for a workspace; its bot name is unknown");
      return { botId: context.botId ?? "", botUserId: context.botUserId ?? "", botName: "Article Bot" };
    });
    const deps: ListenerDeps = {
      ...shared,
      confirmations,
      isModerator: isModeratorIn(workspace.client),
      client: workspace.client,
      // The poster waits out a 429 itself, so that shutdown can cut the wait short.
      thread: {
        client: workspace.poster,
        reader: workspace.client,
        pacer,
        botName: who.botName,
        author: who,
      },
    };
    return deps;
  };
  // Every slash command routed to this app is answered, even one renamed in Slack's settings, and
  // even one whose command field is not text at all (inbound.ts says it was malformed).
  app.command(/^/u, async (args) => commandListener(await depsFor(args.context))(args));
  // @-mentions ask the same commands where slash commands cannot run: in threads (mention.ts).
  app.event("app_mention", async (args) => {
    const deps = await depsFor(args.context);
    await mentionListener(deps, { botUserId: deps.thread.author.botUserId, botName: deps.thread.botName })(
      args,
    );
  });
  // Post and Cancel under an /article post preview, in both modes, with the presser's workspace.
  app.action({ type: "block_actions", action_id: BUTTON_IDS }, async (args) =>
    buttonsListener(await depsFor(args.context))(args),
  );
  app.error(async (error) => {
    const missing = notInstalledIn(error);
    if (missing) log.warn(missing.where, "ignored a request from a workspace where the app is not installed");
    else log.error({ cause: errorReason(error), error: errorFields(error) }, "Slack request failed");
  });

  const { url, server } = await listen(app, config, host, listener);
  const socket = socketClient && keepConnected(socketClient, log, { ...RECONNECT, ...options.reconnect });
  let phase: Phase = "ready";
  log.info(
    {
      mode: config.mode,
      url,
      ...(identity ? { bot: identity.botName } : { install: url?.replace(/\/events$/u, "/install") }),
    },
    "Slack adapter ready",
  );
  const self: SlackAdapter = {
    name: "slack",
    identity,
    ...(url ? { url } : {}),
    health: () => slackHealth(phase, socket?.health),
    /**
     * Stops taking commands (one arriving now gets a note to try again), lets running ones finish,
     * cuts short what would outlast the deadline (it tells its member what was done), then closes
     * the connection or server.
     */
    async stop() {
      if (phase !== "ready") return;
      phase = "stopping";
      const unfinished = await inFlight.drain({ ...SHUTDOWN, ...options.shutdown });
      confirmations.close();
      if (unfinished > 0) log.warn({ unfinished }, "stopping with commands unfinished");
      // The bot's web server is closed by main.ts, after every adapter has stopped.
      if (socket) await socket.close(CLOSE_MS);
      else if (server) await close(app, server);
      phase = "stopped";
      log.info("Slack adapter stopped");
    },
  };
  return self;
}) satisfies AdapterModule<SlackSettings>["start"];

/**
 * Socket Mode connects; HTTP mode mounts the receiver on the bot's web server when the host has
 * one (PORT), else listens on a server of its own (tests that start the adapter alone).
 */
async function listen(
  app: App,
  config: SlackSettings,
  host: AdapterHost,
  listener: RequestListener | undefined,
): Promise<{ url?: string; server?: Server }> {
  if (config.mode === "socket") {
    try {
      await app.start();
      return {};
    } catch (error) {
      throw new ConfigError([
        `Slack refused the Socket Mode connection: ${errorReason(error)}. Check SLACK_APP_TOKEN (an app-level token with connections:write) and that Socket Mode is on for the app.`,
      ]);
    }
  }
  if (host.web && listener) {
    host.web.fallback(listener);
    return { url: `${host.web.url}/slack/events` };
  }
  const port = config.port ?? 3000;
  try {
    const server: Server = await app.start({ port, host: host.address ?? "0.0.0.0" });
    return { url: `http://localhost:${(server.address() as AddressInfo).port}/slack/events`, server };
  } catch (error) {
    throw new ConfigError([`Slack HTTP mode could not listen on PORT ${port}: ${errorReason(error)}.`]);
  }
}

/** Closes the HTTP server; keep-alive connections would hold it open, and every answer has been sent. */
async function close(app: App, server: Server): Promise<void> {
  const closed = app.stop();
  server.closeAllConnections();
  await within(closed, CLOSE_MS);
}
