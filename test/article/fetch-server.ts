/**
 * A local stand-in for the sites articles are fetched from: one node:http server on 127.0.0.1
 * port 0 per test file, each test adding the paths it needs, every request recorded so a test can
 * say what reached the server (and what never did). `refusalOf` awaits a fetch that must be
 * refused and checks the rule every refusal follows: one short sentence, no control characters.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import { FetchRefused, type RefusalReason } from "../../src/article/fetch/index.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface PageServer {
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  port(): number;
  /** Serve `path` with `handler` from now on. */
  route(path: string, handler: Handler): void;
  /** The requests that reached `path`, in order. */
  seen(path: string): IncomingMessage[];
  /** performance.now() when each request to `path` arrived, in order. */
  arrivals(path: string): number[];
}

export function usePageServer(): PageServer {
  const routes = new Map<string, Handler>();
  const requests: { req: IncomingMessage; at: number }[] = [];
  const server = createServer((req, res) => {
    requests.push({ req, at: performance.now() });
    const handler = routes.get(req.url ?? "");
    if (handler) handler(req, res);
    else res.writeHead(404).end("no such page");
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = () => (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port()}${path}`,
    route: (path, handler) => routes.set(path, handler),
    seen: (path) => requests.filter((r) => r.req.url === path).map((r) => r.req),
    arrivals: (path) => requests.filter((r) => r.req.url === path).map((r) => r.at),
  };
}

/** The FetchRefused `fetching` ends in, after checking it has `reason` and a one-sentence message. */
export async function refusalOf(fetching: Promise<unknown>, reason: RefusalReason): Promise<FetchRefused> {
  const error = await fetching.then(
    () => expect.unreachable("the fetch should have been refused"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchRefused);
  const refused = error as FetchRefused;
  expect({ reason: refused.reason, message: refused.message }).toMatchObject({ reason });
  expect(refused.message).toMatch(/^Could not fetch \S.*\.$/u);
  expect(refused.message).not.toMatch(/\p{Cc}/u); // no newline, ESC, NUL, …
  expect(refused.message).not.toMatch(/[.!?]\s/u); // one sentence
  expect(refused.message.length).toBeLessThanOrEqual(300);
  expect(refused.message).not.toMatch(/\bat \S+:\d+/u); // no stack
  return refused;
}
