import { resolve } from "node:path";
import dotenv from "dotenv";
import { z } from "zod";

/**
 * Every environment variable the bot reads, in one zod schema. .env (or the file named by ENV_FILE)
 * is loaded first; variables already set in the environment win. .env.example documents each one.
 */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const snowflake = z.string().regex(/^\d{17,20}$/u, "must be a Discord ID: 17 to 20 digits");
const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => ["true", "1", "yes"].includes(v));

const Env = z.object({
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
  LOG_FORMAT: z.preprocess(blank, z.enum(["auto", "json", "pretty"]).default("auto")),
  ARTICLE_DIR: optional(z.string()),
  HEALTH_PORT: optional(port),
  COOLDOWN_COMMANDS: z.preprocess(blank, z.coerce.number().int().min(0).default(5)),
  COOLDOWN_SECONDS: z.preprocess(blank, z.coerce.number().positive().default(10)),

  DISCORD_TOKEN: optional(z.string().min(20, "looks too short to be a bot token")),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: z.preprocess(blank, z.url().default("https://discord.com/api")),

  SLACK_BOT_TOKEN: optional(
    z.string().startsWith("xoxb-", "must start with xoxb- (the Bot User OAuth Token)"),
  ),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, "looks too short to be a signing secret")),
  SLACK_APP_TOKEN: optional(z.string().startsWith("xapp-", "must start with xapp- (an app-level token)")),
  PORT: optional(port),
  SLACK_API_URL: z.preprocess(blank, z.url().default("https://slack.com/api/")),
  SLACK_MODERATOR_IDS: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*$/u,
        "must be Slack user IDs separated by commas, like U012AB3CD",
      )
      .optional()
      .transform((v) => (v ? v.split(",").map((s) => s.trim()) : [])),
  ),
  SLACK_ADMINS_ARE_MODERATORS: z.preprocess(blank, bool.default(true)),
});

export type Env = z.infer<typeof Env>;

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  apiUrl: string;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number | undefined;
  mode: "socket" | "http";
  apiUrl: string;
  moderatorIds: string[];
  adminsAreModerators: boolean;
}

export interface Config {
  logLevel: string | undefined;
  /** Folder holding article.txt and article.json (default: the project's data/). */
  articleDir: string | undefined;
  /** Commands a user may run per window on a platform; 0 turns the cooldown off. */
  cooldown: { commands: number; seconds: number };
  /** Port for a bare GET /healthz server (for Discord-only deployments). */
  healthPort: number | undefined;
  logFormat: "auto" | "json" | "pretty";
  discord: DiscordConfig | undefined;
  slack: SlackConfig | undefined;
  /** Every secret value, so the logger can scrub them from any line. */
  secrets: string[];
}

/** One line per problem, each naming the variable and what to do about it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `Configuration error: ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): void {
  dotenv.config({
    path: resolve(env.ENV_FILE ?? ".env"),
    quiet: true,
    processEnv: env as Record<string, string>,
  });
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}. Fix it in .env (see .env.example).`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const need = (name: keyof Env, why: string) => {
    if (e[name] === undefined)
      problems.push(`${name} is missing: ${why}. Set it in .env (see .env.example).`);
  };

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN) {
    need(
      "DISCORD_APPLICATION_ID",
      "Discord needs it when DISCORD_TOKEN is set (Developer Portal → General Information)",
    );
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID ?? "",
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
    };
  } else if (e.DISCORD_APPLICATION_ID || e.DISCORD_GUILD_ID) {
    need("DISCORD_TOKEN", "DISCORD_APPLICATION_ID or DISCORD_GUILD_ID is set, so Discord is meant to run");
  }

  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    need("SLACK_BOT_TOKEN", "Slack needs the Bot User OAuth Token (xoxb-…) when any SLACK_ variable is set");
    const mode = e.SLACK_APP_TOKEN ? "socket" : "http";
    if (mode === "http") {
      need(
        "SLACK_SIGNING_SECRET",
        "HTTP mode verifies Slack's requests with it (Basic Information → App Credentials)",
      );
      if (e.PORT === undefined)
        problems.push(
          "Slack needs SLACK_APP_TOKEN (Socket Mode, no public URL needed) or PORT (HTTP mode). Set one in .env (see .env.example).",
        );
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN ?? "",
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      port: e.PORT,
      mode,
      apiUrl: e.SLACK_API_URL,
      moderatorIds: e.SLACK_MODERATOR_IDS,
      adminsAreModerators: e.SLACK_ADMINS_ARE_MODERATORS,
    };
  }

  if (problems.length > 0) throw new ConfigError(problems);
  const secrets = [e.DISCORD_TOKEN, e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN].filter(
    (s): s is string => s !== undefined,
  );
  return {
    logLevel: e.LOG_LEVEL,
    articleDir: e.ARTICLE_DIR,
    cooldown: { commands: e.COOLDOWN_COMMANDS, seconds: e.COOLDOWN_SECONDS },
    healthPort: e.HEALTH_PORT,
    logFormat: e.LOG_FORMAT,
    discord,
    slack,
    secrets,
  };
}
