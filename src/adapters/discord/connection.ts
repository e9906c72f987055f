/**
 * The gateway connection's life as the log tells it: one line for each change (discord.js
 * reconnects on its own), except the close the bot asks for itself when it stops, and a failure
 * while starting, which start() reports as its one line.
 */
import { type Client, Events } from "discord.js";
import type { Logger } from "../../runtime/log.js";
import { errorFields } from "./errors.js";
import type { Phase } from "./health.js";

export function logConnection(client: Client, log: Logger, phase: () => Phase): void {
  const stopping = () => phase() === "stopping" || phase() === "stopped";
  let readyOnce = false;
  client.on(Events.Error, (error) => log.error({ cause: errorFields(error) }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardReconnecting, () => {
    if (!stopping()) log.warn("connection to the Discord gateway lost; reconnecting");
  });
  client.on(Events.ShardError, (error) => {
    if (phase() !== "starting") log.warn({ cause: errorFields(error) }, "Discord gateway connection error");
  });
  client.on(Events.ShardResume, () => log.info("gateway session resumed"));
  client.on(Events.ShardReady, () => {
    if (readyOnce) log.info("gateway session restarted (events sent while disconnected were lost)");
    readyOnce = true;
  });
  client.on(Events.ShardDisconnect, (event) => {
    if (phase() !== "starting")
      log.error(
        { code: event.code },
        "Discord closed the gateway connection and the bot will not reconnect: restart it once the cause is fixed",
      );
  });
  // discord.js also waits on its own to stay under Discord's 50 requests a second; both show here.
  client.rest.on("rateLimited", (info) =>
    log.warn(
      { route: info.route, global: info.global, waitMs: info.timeToReset },
      "waiting for a Discord rate limit",
    ),
  );
}
