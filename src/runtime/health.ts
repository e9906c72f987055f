/** GET /healthz: every running adapter's state, 200 when all are ready, 503 otherwise. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AdapterHealth, RunningAdapter } from "../adapters/contract.js";

export interface HealthReport {
  ok: boolean;
  adapters: Record<string, AdapterHealth>;
}

/** Ready, and so is each of its shards when it has them. */
const isReady = (h: AdapterHealth): boolean =>
  h.state === "ready" && Object.values(h.shards ?? {}).every(isReady);

/** Healthy when every adapter (and every shard) is ready; the body says which one is not, and why. */
export function healthReport(adapters: readonly RunningAdapter[]): HealthReport {
  const states = Object.fromEntries(
    adapters.map((a) => [a.name, a.health?.() ?? { state: "ready" as const }]),
  );
  return {
    ok: adapters.length > 0 && Object.values(states).every(isReady),
    adapters: states,
  };
}

/** Answers GET /healthz with the report (200 when healthy, 503 otherwise); reusable as a route handler. */
export function serveHealth(adapters: () => readonly RunningAdapter[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const report = healthReport(adapters());
    res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : JSON.stringify(report));
  };
}

/** A bare health endpoint on `port`, for deployments with no HTTP receiver of their own (Discord only). */
export function startHealthServer(
  port: number,
  host: string,
  adapters: () => readonly RunningAdapter[],
): Promise<{ port: number; address: string; close(): Promise<void> }> {
  const health = serveHealth(adapters);
  const server = createServer((req, res) => {
    if ((req.method === "GET" || req.method === "HEAD") && req.url?.split("?")[0] === "/healthz")
      health(req, res);
    else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found. Try GET /healthz\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        address: typeof address === "object" && address ? address.address : host,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
