import { once } from "node:events";
import { Client, DiscordAPIError, Events, GatewayIntentBits, type Interaction } from "discord.js";
import type { Bot, RunningAdapter } from "../../bot.js";
import { ConfigError, type DiscordConfig } from "../../config.js";
import { errorFields } from "./api-errors.js";
import { handleInteraction, refuseWhileStopping } from "./handle-interaction.js";
import { NO_MENTIONS } from "./limits.js";

/**
 * Logs in to Discord with the Guilds intent only (slash commands need no privileged intents) and
 * answers interactions until stopped. Resolves once the gateway is ready.
 */
export async function startDiscord(bot: Bot, config: DiscordConfig): Promise<RunningAdapter> {
  const { log } = bot;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl },
    // Also set on every message we send; this covers anything discord.js sends on its own.
    allowedMentions: NO_MENTIONS,
  });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    // Interactions only arrive once the client is ready; the check narrows its type.
    const work = (
      stopping || !client.isReady()
        ? refuseWhileStopping(interaction)
        : handleInteraction({ bot, client }, interaction)
    ).catch((error: unknown) =>
      log.error({ platform: "discord", cause: errorFields(error) }, "interaction failed"),
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.Error, (error) =>
    log.error({ platform: "discord", cause: errorFields(error) }, "discord client error"),
  );
  client.on(Events.Warn, (message) => log.warn({ platform: "discord" }, message));
  client.on(Events.ShardDisconnect, (event) =>
    log.warn({ platform: "discord", code: event.code }, "disconnected from the Discord gateway"),
  );
  client.on(Events.ShardResume, () => log.info({ platform: "discord" }, "gateway session resumed"));
  // discord.js also waits on its own to stay under Discord's 50 requests a second; both show here.
  client.rest.on("rateLimited", (info) =>
    log.warn(
      { platform: "discord", route: info.route, global: info.global, waitMs: info.timeToReset },
      "waiting for a Discord rate limit",
    ),
  );

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw loginError(error, config);
  }
  await ready;
  log.info(
    { platform: "discord", user: client.user?.tag, guilds: client.guilds.cache.size },
    "connected to Discord",
  );

  return {
    name: "discord",
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}

/** A rejected token is a configuration problem: say which variable, not a stack trace. */
function loginError(error: unknown, config: DiscordConfig): unknown {
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
