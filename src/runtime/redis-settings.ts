/**
 * REDIS_URL: when set, the short-lived state several replicas must agree on (the per-user
 * cooldown, requests already seen, one post per target, previews waiting for a press) lives in
 * that Redis; unset, it stays in this process. Reading it connects to nothing.
 */
import * as z from "zod";
import { type Env, optional, parseEnv, urlPasswords } from "./config.js";

const RedisUrl = z
  .string()
  .trim()
  .refine((url) => /^rediss?:\/\/[^\s]+$/u.test(url) && URL.canParse(url), {
    message:
      "must be a redis://[:password@]host:port[/db] URL (rediss:// for TLS), or unset for in-process state",
  });

const RedisEnv = z.object({
  REDIS_URL: optional(RedisUrl),
  REDIS_LOCK_SECONDS: optional(z.coerce.number().positive().max(3_600)),
});

export interface RedisSettings {
  url: string;
  /** How long a post lock outlives a replica that stopped renewing it (unset: locks.ts's 30 s). */
  lockTtlMs?: number;
}

/** Undefined when REDIS_URL is unset; throws ConfigError when it is malformed. */
export function redisSettings(env: Env): RedisSettings | undefined {
  const { REDIS_URL, REDIS_LOCK_SECONDS } = parseEnv(RedisEnv, env);
  if (!REDIS_URL) return undefined;
  return REDIS_LOCK_SECONDS === undefined
    ? { url: REDIS_URL }
    : { url: REDIS_URL, lockTtlMs: REDIS_LOCK_SECONDS * 1000 };
}

/** The password in REDIS_URL, as written and decoded, to scrub from every log line. */
export function redisSecrets(env: Env): string[] {
  return urlPasswords(env.REDIS_URL);
}

/** Where Redis is, safe for a log line: no password. */
export function describeRedis(settings: RedisSettings): string {
  const url = new URL(settings.url);
  return `${url.protocol}//${url.hostname}:${url.port || "6379"}${url.pathname}`;
}
