import { once } from "node:events";
import { Client, DiscordAPIError, Events, GatewayIntentBits, type Interaction, REST } from "discord.js";
import type { Bot } from "../../core/answer.js";
import type { Reply } from "../../core/reply.js";
import { ConfigError } from "../../runtime/config.js";
import { InFlight } from "../../runtime/in-flight.js";
import type { RunningAdapter } from "../contract.js";
import { restOptions } from "./client.js";
import { errorFields } from "./errors.js";
import { gatewayHealth } from "./health.js";
import { handleInteraction, refuseWhileStopping } from "./inbound.js";
import { NO_MENTIONS } from "./render/limits.js";
import { renderReply } from "./render/reply.js";
import type { DiscordSettings } from "./settings.js";

/**
 * Logs in to Discord with the Guilds intent only (slash commands need no privileged intents) and
 * answers interactions until stopped. Resolves once the gateway is ready.
 */
/**
 * After a stop, commands in flight get 3 s to finish, then the rest (thread posts) are told to stop
 * and get 1 s to say what was and was not posted: well inside the 5 s main.ts allows.
 */
const SHUTDOWN = { drainMs: 3_000, noteMs: 1_000 };

/** The adapter contract's entry point (see ../contract.ts). */
export const start = (bot: Bot, settings: DiscordSettings): Promise<RunningAdapter> =>
  startDiscord(bot, settings);

export async function startDiscord(bot: Bot, config: DiscordSettings): Promise<RunningAdapter> {
  const { log } = bot;
  const rest = restOptions(config.apiUrl, log);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest,
    // Also set on every message we send; this covers anything discord.js sends on its own.
    allowedMentions: NO_MENTIONS,
  });
  // Thread creation is retried by the bot itself, after checking Discord did not create it already.
  const noRetry = new REST({ ...rest, retries: 0 }).setToken(config.token);
  const inFlight = new InFlight();
  // Repeated answers come from dispatch's cache as the same frozen outcome: render each once.
  const context = {
    bot,
    render: (reply: Reply) => renderReply(reply, bot.article),
    once: noRetry,
    stopping: inFlight.signal,
  };
  let phase: "starting" | "running" | "stopping" | "stopped" = "starting";

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    // Interactions only arrive once the client is ready; the check narrows its type.
    const work = (
      phase !== "running" || !client.isReady()
        ? refuseWhileStopping(interaction)
        : handleInteraction({ ...context, client }, interaction)
    ).catch((error: unknown) =>
      log.error({ platform: "discord", cause: errorFields(error) }, "interaction failed"),
    );
    inFlight.track(work);
  });
  logConnection(client, log, () => phase === "stopping" || phase === "stopped");

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw loginError(error, config);
  }
  await ready;
  phase = "running";
  log.info(
    { platform: "discord", user: client.user?.tag, guilds: client.guilds.cache.size },
    "connected to Discord",
  );

  return {
    name: "discord",
    health: () => (phase === "running" ? gatewayHealth(client) : { state: phase }),
    async stop() {
      if (phase !== "running") return;
      // New interactions now get "restarting"; those in flight finish, or stop and say where.
      phase = "stopping";
      await inFlight.drain(SHUTDOWN);
      await client.destroy();
      noRetry.clearHashSweeper();
      noRetry.clearHandlerSweeper();
      phase = "stopped";
    },
  };
}

/**
 * One line for each change of the gateway connection (discord.js reconnects on its own), except
 * the close the bot asks for itself when it stops.
 */
function logConnection(client: Client, log: Bot["log"], stopping: () => boolean): void {
  const platform = "discord";
  let readyOnce = false;
  client.on(Events.Error, (error) =>
    log.error({ platform, cause: errorFields(error) }, "discord client error"),
  );
  client.on(Events.Warn, (message) => log.warn({ platform }, message));
  client.on(Events.ShardReconnecting, () => {
    if (!stopping()) log.warn({ platform }, "connection to the Discord gateway lost; reconnecting");
  });
  client.on(Events.ShardError, (error) =>
    log.warn({ platform, cause: errorFields(error) }, "Discord gateway connection error"),
  );
  client.on(Events.ShardResume, () => log.info({ platform }, "gateway session resumed"));
  client.on(Events.ShardReady, () => {
    if (readyOnce)
      log.info({ platform }, "gateway session restarted (events sent while disconnected were lost)");
    readyOnce = true;
  });
  client.on(Events.ShardDisconnect, (event) =>
    log.error(
      { platform, code: event.code },
      "Discord closed the gateway connection and the bot will not reconnect: restart it once the cause is fixed",
    ),
  );
  // discord.js also waits on its own to stay under Discord's 50 requests a second; both show here.
  client.rest.on("rateLimited", (info) =>
    log.warn(
      { platform, route: info.route, global: info.global, waitMs: info.timeToReset },
      "waiting for a Discord rate limit",
    ),
  );
}

/** A rejected token is a configuration problem: say which variable, not a stack trace. */
function loginError(error: unknown, config: DiscordSettings): unknown {
  const status = error instanceof DiscordAPIError ? error.status : undefined;
  if (
    status === 401 ||
    (error instanceof Error && /TokenInvalid|invalid token/iu.test(`${error.name} ${error.message}`))
  )
    return new ConfigError([
      "DISCORD_TOKEN was rejected by Discord (401 Unauthorized). Reset it in the Developer Portal → your app → Bot, and put the new token in .env (see docs/discord.md).",
    ]);
  if (
    error instanceof Error &&
    /fetch failed|ECONNREFUSED|ENOTFOUND/iu.test(`${error.message} ${String(error.cause)}`)
  )
    return new Error(`Could not reach Discord at ${config.apiUrl}: ${error.message}`, { cause: error });
  return error;
}
