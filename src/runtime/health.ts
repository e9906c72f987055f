/**
 * GET /healthz: every running adapter's state, and the database (DATABASE_URL) and Redis
 * (REDIS_URL) when they are configured; 200 when all are ready, 503 otherwise, the body saying
 * which is not and why in a few words (never a URL or a password).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AdapterHealth, RunningAdapter } from "../adapters/contract.js";
import type { LazyStore } from "../state/lazy.js";
import type { SharedRedis } from "../state/redis/client.js";
import { within } from "./abort.js";

export interface DependencyHealth {
  state: "ready" | "down";
  detail?: string;
}

/** Something besides the adapters the bot relies on, checked afresh on every request. */
export interface Dependency {
  name: "database" | "redis";
  check(): Promise<DependencyHealth>;
}

export interface HealthReport {
  ok: boolean;
  adapters: Record<string, AdapterHealth>;
  database?: DependencyHealth;
  redis?: DependencyHealth;
}

/** Ready, and so is each of its shards when it has them. */
const isReady = (h: AdapterHealth): boolean =>
  h.state === "ready" && Object.values(h.shards ?? {}).every(isReady);

/** A dependency that has not answered by then (ms) is reported down, so a probe never hangs. */
const CHECK_MS = 2_000;

/**
 * Healthy when every adapter (and every shard) and every dependency is ready; the body says which
 * one is not, and why.
 */
export function healthReport(
  adapters: readonly RunningAdapter[],
  dependencies: Partial<Record<Dependency["name"], DependencyHealth>> = {},
): HealthReport {
  const states = Object.fromEntries(
    adapters.map((a) => [a.name, a.health?.() ?? { state: "ready" as const }]),
  );
  return {
    ok:
      adapters.length > 0 &&
      Object.values(states).every(isReady) &&
      Object.values(dependencies).every((d) => d.state === "ready"),
    adapters: states,
    ...dependencies,
  };
}

/**
 * Answers GET /healthz with the report (200 when healthy, 503 otherwise); a route handler. A
 * dependency not answering within `checkMs` is reported down.
 */
export function serveHealth(
  adapters: () => readonly RunningAdapter[],
  dependencies: readonly Dependency[] = [],
  checkMs = CHECK_MS,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
      res.end("Use GET /healthz\n");
      return;
    }
    void Promise.all(dependencies.map((d) => checkWithin(d, checkMs))).then((checked) => {
      const report = healthReport(adapters(), Object.fromEntries(checked));
      res.writeHead(report.ok ? 200 : 503, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(report));
    });
  };
}

async function checkWithin(
  dependency: Dependency,
  ms: number,
): Promise<[Dependency["name"], DependencyHealth]> {
  const checked = await within(
    dependency.check().catch(() => ({ state: "down" as const, detail: "could not be checked" })),
    ms,
  );
  return [dependency.name, checked ?? { state: "down", detail: `no answer within ${ms} ms` }];
}

/**
 * The database: one round trip (StateStore.health); its error code, never its URL, when it fails.
 * A store not open (before start-up opened it, or after shutdown closed it) is not reopened here.
 */
export const databaseDependency = (store: Pick<LazyStore, "get" | "opened">): Dependency => ({
  name: "database",
  async check() {
    if (!store.opened) return { state: "down", detail: "not open" };
    const opened = await store.get();
    const health = await opened.health();
    return health.ok
      ? { state: "ready" }
      : { state: "down", detail: `${opened.engine} unreachable (${health.reason})` };
  },
});

/** Redis: ready when the connection is (the bot uses this process's state meanwhile). */
export const redisDependency = (redis: SharedRedis): Dependency => ({
  name: "redis",
  async check() {
    if (redis.ready()) return { state: "ready" };
    const status = redis.status();
    return {
      state: "down",
      detail:
        status === "ready"
          ? "a command just failed; retrying shortly (using this process's state meanwhile)"
          : `${status} (using this process's state meanwhile)`,
    };
  },
});
