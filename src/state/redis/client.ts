/**
 * One Redis connection per process, opened on first use (as lazy.ts opens the database). The
 * connection tracks whether Redis is reachable so each shared seam can fall back to this
 * process's memory at once instead of waiting: commands are refused while it is down (no offline
 * queue, and a stalled one times out) and ioredis reconnects by itself. One warning when Redis is lost, one line when it is back.
 */
import { Redis } from "ioredis";
import type { Logger } from "../../runtime/log.js";
import { describeRedis, type RedisSettings } from "../../runtime/redis-settings.js";

export interface SharedRedis {
  /** The client, connecting on first call. */
  client(): Redis;
  /** Whether commands can be sent now (connected and ready). */
  ready(): boolean;
  /** The connection's state as ioredis names it ("ready", "reconnecting", …; "closed" before or after). */
  status(): string;
  /** A command failed: log it once (the first failure of an outage), and use local state. */
  failed(error: unknown): void;
  /** A command worked: if an outage was logged, say it is over. */
  worked(): void;
  /** Resolves once connected, or false after `ms` (start-up and tests). */
  connected(ms: number): Promise<boolean>;
  /** Closes the connection if one was opened; safe to call more than once. */
  close(): Promise<void>;
}

export interface RedisOptions {
  /** Longest wait between reconnect attempts (default 2 s). */
  maxRetryMs?: number;
  /** After a failed command, how long to use local state before trying Redis again (default 1 s). */
  pauseMs?: number;
}

export function lazyRedis(settings: RedisSettings, log: Logger, options: RedisOptions = {}): SharedRedis {
  const where = describeRedis(settings);
  const maxRetryMs = options.maxRetryMs ?? 2_000;
  let redis: Redis | undefined;
  // Whether the current outage has been logged; reset when Redis is reachable again.
  let warned = false;
  // A command that failed on a connection that looks ready (a stalled server) pauses Redis use
  // briefly, so commands meanwhile do not each wait for the command timeout.
  let pausedUntil = 0;
  const lost = (error: unknown) => {
    if (warned) return;
    warned = true;
    const cause = error instanceof Error ? error.message : String(error);
    log.warn(
      { redis: where, cause },
      "Redis unreachable: using this process's cooldowns, locks and previews until it returns",
    );
  };
  const failed = (error: unknown) => {
    pausedUntil = Date.now() + (options.pauseMs ?? 1_000);
    lost(error);
  };
  const back = () => {
    if (warned) log.info({ redis: where }, "Redis reachable again: shared state in use");
    warned = false;
  };
  const client = () => {
    if (redis) return redis;
    const opened = new Redis(settings.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // A stalled Redis must not hold a command past Slack's 3 s: give up and use local state.
      commandTimeout: 1_000,
      retryStrategy: (times) => Math.min(times * 100, maxRetryMs),
    });
    opened.on("error", lost);
    opened.on("close", () => lost(new Error("connection closed")));
    opened.on("ready", () => {
      pausedUntil = 0;
      back();
    });
    redis = opened;
    return opened;
  };
  return {
    client,
    ready: () => redis?.status === "ready" && Date.now() >= pausedUntil,
    status: () => redis?.status ?? "closed",
    failed,
    worked: back,
    async connected(ms) {
      const c = client();
      if (c.status === "ready") return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), ms);
        const onReady = () => done(true);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          c.off("ready", onReady);
          resolve(ok);
        };
        c.on("ready", onReady);
      });
    },
    async close() {
      const open = redis;
      redis = undefined;
      if (!open) return;
      open.removeAllListeners("close");
      await open.quit().catch(() => open.disconnect());
    },
  };
}

/** `shared` on Redis while it is reachable; `local` while it is not, or when a command fails. */
export async function sharedOr<T>(
  redis: SharedRedis,
  shared: (client: Redis) => Promise<T>,
  local: () => T | Promise<T>,
): Promise<T> {
  const c = redis.client();
  if (!redis.ready()) return local();
  try {
    const result = await shared(c);
    redis.worked();
    return result;
  } catch (error) {
    redis.failed(error);
    return local();
  }
}
