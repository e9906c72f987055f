/**
 * The Discord adapter's health for GET /healthz: its own phase while starting or stopping, and
 * while running the gateway connection from discord.js's own shard state: ready, reconnecting
 * (resuming or identifying again after a drop, op 7 or op 9), or stopped when Discord closed the
 * connection with a code discord.js will not reconnect after (a bad token, intents), or when
 * Discord answered a REST request with 401 (the token is no longer valid).
 */
import { type Client, Status } from "discord.js";
import type { AdapterHealth } from "../contract.js";
import type { TokenState } from "./client.js";

export type Phase = "starting" | "running" | "stopping" | "stopped";

export function health(phase: Phase, client: Client, token: TokenState): AdapterHealth {
  if (phase !== "running") return { state: phase };
  if (token.rejected)
    return {
      state: "stopped",
      detail:
        "Discord says the bot's token is no longer valid (401): reset it in the Developer Portal, then restart the bot",
    };
  const shard = client.ws.shards.first();
  if (!shard) return { state: "starting" };
  switch (shard.status) {
    case Status.Ready:
      return { state: "ready" };
    case Status.Disconnected:
      return {
        state: "stopped",
        detail: "Discord closed the gateway connection for good (see the log); restart the bot",
      };
    default:
      return { state: "reconnecting", detail: `gateway: ${Status[shard.status]}` };
  }
}
