/** The Discord adapter's variables: enabled by DISCORD_TOKEN. No discord.js here: main reads this for every start. */
import * as z from "zod";
import { blank, ConfigError, type Env, missing, optional, parseEnv } from "../../runtime/config.js";
import { type InteractionsSettings, interactionsSettings } from "./http/settings.js";
import { type ShardSettings, shardSettings } from "./shards/settings.js";

const snowflake = z.string().regex(/^\d{17,20}$/u, "must be a Discord ID: 17 to 20 digits");

const DiscordEnv = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, "looks too short to be a bot token")),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: z.preprocess(blank, z.url().default("https://discord.com/api")),
});

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  apiUrl: string;
  /** DISCORD_SHARDS (and DISCORD_SHARD_IDS): run the gateway as shard processes; unset: one connection. */
  shards?: ShardSettings | undefined;
  /** DISCORD_PUBLIC_KEY set: interactions arrive over HTTP (http/), with no gateway connection. */
  interactions?: InteractionsSettings | undefined;
}

/** Discord's settings, or undefined when no Discord variable is set. */
export function discordSettings(env: Env): DiscordSettings | undefined {
  const e = parseEnv(DiscordEnv, env);
  const interactions = interactionsSettings(env);
  if (!e.DISCORD_TOKEN) {
    if (e.DISCORD_APPLICATION_ID || e.DISCORD_GUILD_ID || interactions)
      throw new ConfigError([
        missing(
          "DISCORD_TOKEN",
          "DISCORD_APPLICATION_ID, DISCORD_GUILD_ID or DISCORD_PUBLIC_KEY is set, so Discord is meant to run",
        ),
      ]);
    return undefined;
  }
  if (!e.DISCORD_APPLICATION_ID)
    throw new ConfigError([
      missing(
        "DISCORD_APPLICATION_ID",
        "Discord needs it when DISCORD_TOKEN is set (Developer Portal → General Information)",
      ),
    ]);
  const shards = shardSettings(env);
  if (shards && interactions)
    throw new ConfigError([
      "DISCORD_SHARDS and DISCORD_PUBLIC_KEY are both set: shards are gateway connections, and HTTP interactions use none. Unset one of them.",
    ]);
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    guildId: e.DISCORD_GUILD_ID,
    apiUrl: e.DISCORD_API_URL,
    shards,
    ...(interactions ? { interactions } : {}),
  };
}

/** DISCORD_APPLICATION_ID alone (checked), for what needs no token: the invite link. */
export function discordApplicationId(env: Env): string | undefined {
  return parseEnv(DiscordEnv.pick({ DISCORD_APPLICATION_ID: true }), env).DISCORD_APPLICATION_ID;
}

export const discordSecrets = (s: DiscordSettings): string[] => [s.token];
