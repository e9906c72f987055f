/**
 * The bot's HTTP servers: on PORT the one every adapter that takes requests adds its routes to,
 * and on HEALTH_PORT (for gateway-only deployments) a bare one; both answer GET /healthz and GET
 * /metrics. HEALTH_PORT equal to PORT means the one server.
 */
import type { RequestListener } from "node:http";
import type { RunningAdapter } from "../adapters/contract.js";
import type { LazyStore } from "../state/lazy.js";
import type { SharedRedis } from "../state/redis/client.js";
import { ConfigError, type SharedConfig } from "./config.js";
import { type Dependency, databaseDependency, redisDependency, serveHealth } from "./health.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";
import { startWeb, type WebServer } from "./web.js";

export interface Served {
  adapters(): readonly RunningAdapter[];
  /** The database, reported by /healthz (when DATABASE_URL is set). */
  state?: Pick<LazyStore, "get" | "opened"> | undefined;
  /** Redis, reported by /healthz (when REDIS_URL is set). */
  redis?: SharedRedis | undefined;
  metrics?: Metrics | undefined;
  log: Logger;
}

export interface Servers {
  /** The server on PORT, for AdapterHost.web; absent when PORT is unset. */
  web: WebServer | undefined;
  /** Closes every server started (safe to call more than once). */
  close(): Promise<void>;
}

export async function startServers(
  config: Pick<SharedConfig, "port" | "healthPort" | "host">,
  served: Served,
): Promise<Servers> {
  const own = ownRoutes(served);
  const started: WebServer[] = [];
  const close = async () => {
    await Promise.allSettled(started.splice(0).map((server) => server.close()));
  };
  try {
    const web = config.port === undefined ? undefined : await listen("PORT", config.port, config.host, own);
    if (web) {
      started.push(web);
      served.log.info({ port: web.port, url: web.url }, "HTTP server on PORT (GET /healthz, GET /metrics)");
    }
    if (config.healthPort !== undefined && config.healthPort !== config.port) {
      const health = await listen("HEALTH_PORT", config.healthPort, config.host, own);
      started.push(health);
      served.log.info({ port: health.port }, "health endpoint at GET /healthz");
    }
    return { web, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** startWeb, with a port that cannot be used reported as one line naming the variable. */
async function listen(
  name: string,
  port: number,
  host: string,
  own: Record<string, RequestListener>,
): Promise<WebServer> {
  try {
    return await startWeb(port, host, own);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError([
      `${name} ${port} could not be used on ${host} (${typeof code === "string" ? code : String(error)}): ${code === "EADDRINUSE" ? "another process listens there" : "check HOST and the port"}. Set ${name} to a free port in .env (see .env.example).`,
    ]);
  }
}

function ownRoutes(served: Served): Record<string, RequestListener> {
  const dependencies: Dependency[] = [];
  if (served.state) dependencies.push(databaseDependency(served.state));
  if (served.redis) dependencies.push(redisDependency(served.redis));
  return {
    "/healthz": serveHealth(served.adapters, dependencies),
    ...(served.metrics ? { "/metrics": served.metrics.serve } : {}),
  };
}
