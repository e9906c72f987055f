/**
 * The Discord adapter's entry point (see ../contract.ts): logs in to Discord and answers
 * interactions until stopped. Resolves once the gateway is ready. Owns the lifecycle (starting →
 * running → stopping → stopped) and the drain of commands in flight.
 */
import { Events, type Interaction } from "discord.js";
import type { Bot } from "../../core/answer.js";
import { Confirmations } from "../../core/thread/confirm.js";
import { InFlight } from "../../runtime/in-flight.js";
import type { AdapterModule, RunningAdapter } from "../contract.js";
import { createClients } from "./client.js";
import type { PostRequest } from "./confirm.js";
import { logConnection } from "./connection.js";
import { drainAndClose } from "./drain.js";
import { errorFields } from "./errors.js";
import { health, type Phase } from "./health.js";
import { start as startHttp } from "./http/start.js";
import { handleInteraction, refuseWhileStopping } from "./inbound.js";
import type { DiscordSettings } from "./settings.js";
import { managerLink } from "./shards/child.js";
import type { SessionLink } from "./shards/resume.js";
import { shardChild } from "./shards/role.js";
import { startError } from "./startup.js";

const TOKEN_LIFETIME_MS = 15 * 60_000;
const EXPIRY_MARGIN_MS = 30_000;

export const start: AdapterModule<DiscordSettings>["start"] = async (bot, settings, host) => {
  // DISCORD_PUBLIC_KEY: interactions arrive over HTTP, and there is no gateway connection.
  if (settings.interactions)
    return startHttp(bot, { ...settings, interactions: settings.interactions }, host);
  // DISCORD_SHARDS: this process runs the shard processes, and each of them connects as below.
  if (settings.shards) {
    const { startShards } = await import("./shards/manager.js");
    return startShards(bot, settings, settings.shards);
  }
  // A shard process (spawned by the manager above) resumes its predecessor's session and reports.
  const child = shardChild(process.env);
  const link = child
    ? managerLink(process.env, child.id, bot.observer, bot.log.child({ platform: "discord" }))
    : undefined;
  const running = await connect(bot, settings, link?.sessions);
  return link ? link.attach(running) : running;
};

const connect = async (
  bot: Bot,
  settings: DiscordSettings,
  sessions?: SessionLink,
): Promise<RunningAdapter> => {
  const log = bot.log.child({ platform: "discord" });
  const { client, once: noRetry, token, agent } = createClients(settings, log, bot.observer, sessions);
  const inFlight = new InFlight();
  // The preview is edited through the command's interaction token, which lasts 15 minutes from the
  // command: its buttons expire a little sooner, so the edit saying so still goes through.
  const ttlMs = Math.min(bot.confirm.ttlMs, TOKEN_LIFETIME_MS - EXPIRY_MARGIN_MS);
  const confirmations = new Confirmations<PostRequest>({ ...bot.confirm, ttlMs }, "discord");
  let phase: Phase = "starting";

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    // Interactions only arrive once the client is ready; the check narrows its type.
    const work = (
      phase !== "running" || !client.isReady()
        ? refuseWhileStopping(interaction)
        : handleInteraction(
            { bot, log, client, once: noRetry, token, stopping: inFlight.signal, confirmations },
            interaction,
          )
    ).catch((error: unknown) => log.error({ cause: errorFields(error) }, "interaction failed"));
    inFlight.track(work);
  });
  logConnection(client, log, () => phase);

  // Running from the moment discord.js is ready, not once login() has resolved after it: a shard
  // that resumed its predecessor's session (shards/resume.ts) hands out the interactions Discord
  // replayed right then, and they must be answered, not told "restarting".
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, () => {
      phase = "running";
      resolve();
    }),
  );
  // Discord closing the gateway for good during login (4004, 4014) says why better than the error.
  let closeCode: number | undefined;
  client.once(Events.ShardDisconnect, (event) => {
    closeCode = event.code;
  });
  try {
    await client.login(settings.token);
  } catch (error) {
    await client.destroy();
    await agent.close();
    throw startError(error, settings, closeCode);
  }
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "connected to Discord");

  return {
    name: "discord",
    health: () => health(phase, client, token),
    async stop() {
      if (phase !== "running") return;
      // New interactions now get "restarting"; those in flight finish, or stop and say where.
      phase = "stopping";
      await drainAndClose(inFlight, confirmations, { client, once: noRetry, agent });
      phase = "stopped";
    },
  };
};
