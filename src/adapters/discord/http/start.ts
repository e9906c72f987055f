/**
 * The Discord adapter with HTTP interactions (DISCORD_PUBLIC_KEY): no gateway connection. Discord
 * POSTs each interaction to /discord/interactions on the bot's HTTP server (host.web); once its
 * signature checks out it becomes a real discord.js Interaction (interactions.ts) and goes through
 * the same inbound path as in gateway mode, its first answer written as the HTTP response
 * (answers.ts) and everything after it sent through discord.js's REST. Nothing is kept per process
 * that the gateway mode does not keep; with REDIS_URL, previews are shared (pending.ts), so a Post
 * press may reach any replica.
 */
import { type APIUser, type Client, Events, type Interaction, Routes } from "discord.js";
import { Confirmations } from "../../../core/thread/confirm.js";
import { ConfigError } from "../../../runtime/config.js";
import { InFlight } from "../../../runtime/in-flight.js";
import type { AdapterHealth, AdapterModule } from "../../contract.js";
import { createClients } from "../client.js";
import type { PostRequest } from "../confirm.js";
import { logConnection } from "../connection.js";
import { drainAndClose } from "../drain.js";
import { errorFields } from "../errors.js";
import { health, type Phase } from "../health.js";
import { handleInteraction, refuseWhileStopping } from "../inbound.js";
import type { DiscordSettings } from "../settings.js";
import { startError } from "../startup.js";
import { HttpAnswers } from "./answers.js";
import { INTERACTIONS_PATH, interactionsEndpoint, type RawInteraction } from "./endpoint.js";
import { emitInteraction, identify } from "./interactions.js";
import { portablePending } from "./pending.js";
import type { InteractionsSettings } from "./settings.js";
import { signatureCheck } from "./verify.js";

/** Previews expire a little before the command's 15-minute token, so the edit saying so goes through. */
const PREVIEW_TTL_MS = 15 * 60_000 - 30_000;

const READY: AdapterHealth = { state: "ready", detail: "HTTP interactions" };

type HttpSettings = DiscordSettings & { interactions: InteractionsSettings };

export const start: AdapterModule<HttpSettings>["start"] = async (bot, settings, host) => {
  if (!host.web)
    throw new ConfigError([
      "PORT is missing: DISCORD_PUBLIC_KEY is set, so Discord sends interactions over HTTP, which need the bot's HTTP server on PORT. Set it in .env (see .env.example).",
    ]);
  const log = bot.log.child({ platform: "discord" });
  let phase: Phase = "starting";
  const { client, once: noRetry, token, agent } = createClients(settings, log);
  client.rest.setToken(settings.token);
  const answers = new HttpAnswers({
    deferAfterMs: settings.interactions.deferAfterMs,
    applicationId: settings.applicationId,
    log,
  });
  answers.catchCallbacks(client.rest);
  const inner = client.rest.options.makeRequest;
  client.rest.options.makeRequest = (url, init) => answers.intercept(url, init, inner);
  logConnection(client, log, () => phase);
  try {
    // Who the bot is (its own messages in a thread are told apart by its id), and a token check.
    identify(client, (await client.rest.get(Routes.user())) as APIUser, settings.applicationId);
  } catch (error) {
    await client.destroy();
    await agent.close();
    throw startError(error, settings, undefined);
  }

  const ready = client as Client<true>;
  const inFlight = new InFlight();
  const raws = new WeakMap<object, RawInteraction>();
  const ttlMs = Math.min(bot.confirm.ttlMs, PREVIEW_TTL_MS);
  const pending = bot.sharedPending
    ? portablePending(bot.sharedPending, { client, raws, log: bot.log })
    : bot.confirm.pending;
  const confirmations = new Confirmations<PostRequest>({ ...bot.confirm, pending, ttlMs }, "discord");
  let current: RawInteraction | undefined;
  let emitted = 0;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    emitted += 1;
    if (current) raws.set(interaction, current);
    const work = (
      phase !== "running"
        ? refuseWhileStopping(interaction)
        : handleInteraction(
            // Never logged in, but identified (interactions.ts): what inbound reads of a ready client is set.
            { bot, log, client: ready, once: noRetry, token, stopping: inFlight.signal, confirmations },
            interaction,
          )
    )
      .catch((error: unknown) => log.error({ cause: errorFields(error) }, "interaction failed"))
      .finally(() => answers.finish(interaction.id));
    inFlight.track(work);
  });

  host.web.route(
    INTERACTIONS_PATH,
    interactionsEndpoint({
      check: signatureCheck(settings.interactions.publicKey),
      log,
      deliver(raw, send) {
        answers.expect(raw, send);
        const before = emitted;
        current = raw;
        try {
          emitInteraction(client, raw);
        } catch (error) {
          answers.forget(raw.id);
          throw error;
        } finally {
          current = undefined;
        }
        // A kind discord.js does not know (nothing was emitted) still gets Discord an answer.
        if (emitted === before) answers.finish(raw.id);
      },
    }),
  );
  phase = "running";
  log.info(
    { user: client.user?.tag, url: `${host.web.url}${INTERACTIONS_PATH}` },
    "taking Discord interactions over HTTP (no gateway connection)",
  );

  return {
    name: "discord",
    health: () => (phase === "running" && !token.rejected ? READY : health(phase, client, token)),
    async stop() {
      if (phase !== "running") return;
      // New interactions now get "restarting"; those in flight finish, or stop and say where.
      phase = "stopping";
      await drainAndClose(inFlight, confirmations, { client, once: noRetry, agent });
      phase = "stopped";
    },
  };
};
