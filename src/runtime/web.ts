/**
 * The bot's one HTTP server: GET /healthz (and whatever else the runtime serves), plus the routes
 * adapters add through AdapterHost.web (Discord's /discord/interactions, Slack's receiver as the
 * fallback). Any other path is 404.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebRoutes } from "../adapters/contract.js";

export interface WebServer extends WebRoutes {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one) at `host` with the runtime's own routes already in place. */
export function startWeb(
  port: number,
  host: string,
  own: Record<string, RequestListener>,
): Promise<WebServer> {
  const routes = new Map<string, RequestListener>(Object.entries(own));
  let fallback: RequestListener | undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const listener = routes.get(path) ?? fallback;
    if (listener) return listener(req, res);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`Not found. Try GET /healthz\n`);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = (server.address() as AddressInfo).port;
      const shown =
        host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
      resolve({
        port: bound,
        url: `http://${shown}:${bound}`,
        route: (path, listener) => void routes.set(path, listener),
        fallback: (listener) => {
          fallback = listener;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
