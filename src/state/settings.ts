/**
 * The durable store's settings: DATABASE_URL (Postgres when set, else an embedded SQLite file under
 * STATE_DIR) and TOKEN_ENCRYPTION_KEY (the AES-256-GCM key for Slack tokens at rest). Reading them
 * opens nothing; openDatabase does that.
 */
import { join, resolve } from "node:path";
import * as z from "zod";
import { blank, type Env, optional, parseEnv, urlPasswords } from "../runtime/config.js";

const KEY_BYTES = 32;
const KEY_HINT = "generate one with `openssl rand -base64 32`";

/** 32 bytes in standard base64 (44 characters ending in "="); the key itself is never echoed. */
const Key = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(trimmed) || trimmed.length % 4 !== 0) {
    ctx.addIssue({
      code: "custom",
      message: `is not base64: it must be ${KEY_BYTES} random bytes, ${KEY_HINT}`,
    });
    return z.NEVER;
  }
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    ctx.addIssue({
      code: "custom",
      message: `decodes to ${key.length} bytes, not ${KEY_BYTES}: ${KEY_HINT}`,
    });
    return z.NEVER;
  }
  return key;
});

const PostgresUrl = z
  .string()
  .trim()
  .refine((url) => /^postgres(ql)?:\/\/[^\s]+$/u.test(url) && URL.canParse(url), {
    message: "must be a postgres://user:password@host:port/database URL (or unset for SQLite)",
  });

const StateEnv = z.object({
  DATABASE_URL: optional(PostgresUrl),
  STATE_DIR: z.preprocess(blank, z.string().default("state")),
  TOKEN_ENCRYPTION_KEY: optional(Key),
});

export type StateSettings =
  | { engine: "sqlite" /** Absolute path of the SQLite file. */; file: string; tokenKey: Buffer | undefined }
  | { engine: "postgres"; url: string; tokenKey: Buffer | undefined };

/** The database file inside STATE_DIR (relative paths resolve from the working directory). */
export const SQLITE_FILE = "bot.sqlite";

/** Throws ConfigError naming each malformed variable. */
export function stateSettings(env: Env): StateSettings {
  const e = parseEnv(StateEnv, env);
  if (e.DATABASE_URL) return { engine: "postgres", url: e.DATABASE_URL, tokenKey: e.TOKEN_ENCRYPTION_KEY };
  return {
    engine: "sqlite",
    file: join(resolve(e.STATE_DIR), SQLITE_FILE),
    tokenKey: e.TOKEN_ENCRYPTION_KEY,
  };
}

/** The values to scrub from every log line: the key as written, and the database password. */
export function stateSecrets(env: Env): string[] {
  const secrets: string[] = [];
  const key = env.TOKEN_ENCRYPTION_KEY?.trim();
  if (key) secrets.push(key);
  secrets.push(...urlPasswords(env.DATABASE_URL));
  return secrets;
}

/** Where the database is, safe for a log or an error line: the password and query are dropped. */
export function describeLocation(settings: StateSettings): string {
  if (settings.engine === "sqlite") return settings.file;
  const url = new URL(settings.url);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
  return `${url.protocol}//${user}${url.hostname}:${url.port || "5432"}${url.pathname}`;
}
