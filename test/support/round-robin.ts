/**
 * A small round-robin HTTP proxy for the replica tests, standing in for a load balancer: each
 * request goes to the next upstream, with its method, path, headers and body as received (nothing
 * re-signed: a Slack signature covers the timestamp and body, which pass through untouched). An
 * upstream that refuses the connection (a killed replica) is skipped for the next one, as a load
 * balancer's health checks would; any other failure is a 502. One connection per request, so a
 * dead upstream always shows as a refused connection, never as a stale pooled socket.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface Served {
  /** Index of the upstream that answered, or -1 when none could. */
  upstream: number;
  status: number;
  /** The request body (up to 4 KiB), to tell which request an upstream served. */
  body: string;
}

export interface RoundRobin {
  /** http://127.0.0.1:port: the proxy's origin; paths are passed through. */
  origin: string;
  /** Every request answered so far, in the order they were answered. */
  readonly served: Served[];
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection, not to the request (RFC 9110 §7.6.1).
const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"]);
const MAX_BODY = 1 << 20;

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.has(name)));
}

/** `upstreams`: origins such as http://127.0.0.1:4001. Listens on port 0 on 127.0.0.1. */
export async function startRoundRobin(upstreams: readonly string[]): Promise<RoundRobin> {
  const served: Served[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => forward(req, res, body, next++, 0),
      () => answer(res, 413, "request body too large"),
    );
  });
  const answer = (res: ServerResponse, status: number, text: string, body = "") => {
    served.push({ upstream: -1, status, body });
    res.writeHead(status, { "content-type": "text/plain" }).end(text);
  };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, turn: number, tried: number) => {
    const upstream = turn % upstreams.length;
    const target = new URL(req.url ?? "/", upstreams[upstream]);
    const headers = { ...endToEnd(req.headers), "content-length": String(body.length) };
    const out = request(target, { method: req.method, headers, agent: false }, (back) => {
      served.push({ upstream, status: back.statusCode ?? 0, body: body.subarray(0, 4096).toString() });
      res.writeHead(back.statusCode ?? 502, endToEnd(back.headers));
      back.pipe(res);
    });
    out.on("error", (error: NodeJS.ErrnoException) => {
      if (res.headersSent) return res.destroy();
      // Refused: nothing reached that upstream, so the next one may have the request.
      if (error.code === "ECONNREFUSED" && tried + 1 < upstreams.length)
        return forward(req, res, body, turn + 1, tried + 1);
      answer(res, 502, `upstream failed: ${error.code ?? error.message}`, body.subarray(0, 4096).toString());
    });
    out.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Read to the end either way, so the 413 reaches the client.
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => (size > MAX_BODY ? reject(new Error("too large")) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
