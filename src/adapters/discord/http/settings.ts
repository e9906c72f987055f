/**
 * DISCORD_PUBLIC_KEY: Discord sends interactions as signed POSTs to /discord/interactions on the
 * bot's HTTP server (PORT) instead of over the gateway. No discord.js here: main reads this for
 * every start.
 */
import * as z from "zod";
import { ConfigError, type Env, missing, optional, parseEnv, port } from "../../../runtime/config.js";

const HttpEnv = z.object({
  DISCORD_PUBLIC_KEY: optional(
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/u,
        "must be the application's public key, 64 hex characters (Developer Portal → General Information)",
      ),
  ),
  PORT: optional(port),
});

export interface InteractionsSettings {
  /** The application's Ed25519 public key, hex. */
  publicKey: string;
  /** With no answer by then, Discord gets a deferred one so the interaction does not fail. */
  deferAfterMs: number;
}

/** Discord's deadline is 3 s from when it sent the request; this leaves room for the network. */
const DEFER_AFTER_MS = 2_500;

/** The HTTP interactions settings, or undefined when DISCORD_PUBLIC_KEY is unset (the gateway). */
export function interactionsSettings(env: Env): InteractionsSettings | undefined {
  const e = parseEnv(HttpEnv, env);
  if (!e.DISCORD_PUBLIC_KEY) return undefined;
  if (e.PORT === undefined)
    throw new ConfigError([
      missing(
        "PORT",
        "DISCORD_PUBLIC_KEY is set, so Discord sends interactions over HTTP, and HTTP interactions need PORT for the bot's HTTP server (POST /discord/interactions)",
      ),
    ]);
  return { publicKey: e.DISCORD_PUBLIC_KEY.toLowerCase(), deferAfterMs: DEFER_AFTER_MS };
}
