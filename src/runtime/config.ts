/**
 * Settings every deployment shares, and the helpers each adapter's own schema is built from. Each
 * adapter reads its own variables (src/adapters/<name>/settings.ts); src/adapters/registry.ts
 * gathers them. .env (or the file named by ENV_FILE) is loaded first; variables already set in the
 * environment win. .env.example documents each one.
 */
import { resolve } from "node:path";
import dotenv from "dotenv";
import * as z from "zod";

export type Env = Record<string, string | undefined>;

export const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
export const port = z.coerce.number().int().min(0).max(65535);
export const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => ["true", "1", "yes"].includes(v));

/**
 * The password in a connection URL, as written and percent-decoded, to scrub from every log line
 * (empty when the URL is unset, unparseable or has none; a malformed %-escape yields it as written).
 */
export function urlPasswords(url: string | undefined): string[] {
  const trimmed = url?.trim();
  if (!trimmed || !URL.canParse(trimmed)) return [];
  const { password } = new URL(trimmed);
  if (!password) return [];
  try {
    return [password, decodeURIComponent(password)];
  } catch {
    return [password];
  }
}

const Shared = z.object({
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
  LOG_FORMAT: z.preprocess(blank, z.enum(["auto", "json", "pretty"]).default("auto")),
  ARTICLE_DIR: optional(z.string()),
  HOST: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[\w.:-]+$/u, "must be an address like 0.0.0.0, 127.0.0.1 or ::")
      .default("0.0.0.0"),
  ),
  PORT: optional(port),
  HEALTH_PORT: optional(port),
  COOLDOWN_COMMANDS: z.preprocess(blank, z.coerce.number().int().min(0).default(5)),
  COOLDOWN_SECONDS: z.preprocess(blank, z.coerce.number().positive().default(10)),
});

export interface SharedConfig {
  logLevel: string | undefined;
  /** Folder holding article.txt and article.json (default: the project's data/). */
  articleDir: string | undefined;
  /** Commands a user may run per window on a platform; 0 turns the cooldown off. */
  cooldown: { commands: number; seconds: number };
  /**
   * PORT: the bot's one HTTP server (Slack's HTTP mode, Discord's interactions, GET /healthz and
   * GET /metrics); Slack's settings also read it to choose HTTP mode.
   */
  port: number | undefined;
  /** HEALTH_PORT: GET /healthz and /metrics alone (for gateway-only deployments); PORT's server when equal. */
  healthPort: number | undefined;
  /** The address every HTTP server listens on. */
  host: string;
  logFormat: "auto" | "json" | "pretty";
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

/**
 * `schema` applied to `env`; a malformed variable becomes one problem line naming it. Unknown
 * variables are ignored, so each adapter's schema sees only its own.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const parsed = schema.safeParse(env, { jitless: true });
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}. Fix it in .env (see .env.example).`),
    );
  return parsed.data;
}

/** "NAME is missing: why. Set it in .env (see .env.example)." */
export const missing = (name: string, why: string): string =>
  `${name} is missing: ${why}. Set it in .env (see .env.example).`;

export function parseShared(env: Env): SharedConfig {
  const e = parseEnv(Shared, env);
  return {
    logLevel: e.LOG_LEVEL,
    articleDir: e.ARTICLE_DIR,
    cooldown: { commands: e.COOLDOWN_COMMANDS, seconds: e.COOLDOWN_SECONDS },
    port: e.PORT,
    healthPort: e.HEALTH_PORT,
    host: e.HOST,
    logFormat: e.LOG_FORMAT,
  };
}
