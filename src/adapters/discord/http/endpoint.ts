/**
 * POST /discord/interactions: Discord's signed requests in, PING answered here, every other
 * interaction handed to `deliver` with a way to write the HTTP response. Refusals are short JSON
 * errors: 405 for another method, 413 for a body over the limit (before it is read, when its
 * length says so), 401 for a bad, missing, malformed or stale signature, 400 for a body that is not
 * an interaction. Nothing here throws into the HTTP server.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../../../runtime/log.js";
import type { Send } from "./answers.js";
import type { Signed, Verdict } from "./verify.js";

export const INTERACTIONS_PATH = "/discord/interactions";

/**
 * Discord's largest interactions are button presses, which carry the whole message (at most 6,000
 * characters of embeds and 2,000 of content, escaped): well under this.
 */
const MAX_BODY_BYTES = 128 * 1024;

/** The fields every interaction has that the endpoint reads itself. */
export interface RawInteraction {
  id: string;
  token: string;
  type: number;
  [field: string]: unknown;
}

export interface EndpointOptions {
  check: (signed: Signed, nowMs: number) => Promise<Verdict>;
  /** Runs the interaction; throws when discord.js cannot read it. */
  deliver: (interaction: RawInteraction, send: Send) => void;
  log: Logger;
}

const PING = 1;

export function interactionsEndpoint(options: EndpointOptions): RequestListener {
  return (req, res) => {
    if (req.method !== "POST") return refuse(res, 405, "only POST is accepted here", { allow: "POST" });
    if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) return tooLarge(res);
    readBody(req, MAX_BODY_BYTES)
      .then(
        (body) => (body === undefined ? tooLarge(res) : handle(options, req, res, body)),
        () => refuse(res, 400, "the request body could not be read"),
      )
      .catch((error: unknown) => {
        options.log.error(
          { problem: error instanceof Error ? error.message : "?" },
          "HTTP interaction failed",
        );
        refuse(res, 500, "the interaction failed on our side");
      });
  };
}

async function handle(options: EndpointOptions, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const verdict = await options.check(
    { signature: header(req, "x-signature-ed25519"), timestamp: header(req, "x-signature-timestamp"), body },
    Date.now(),
  );
  if (verdict !== "ok") return refuse(res, 401, `invalid request signature (${verdict})`);
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return refuse(res, 400, "the body is not JSON");
  }
  if (!isInteraction(payload)) return refuse(res, 400, "the body is not an interaction");
  if (payload.type === PING) return send(res, JSON.stringify({ type: PING }));
  try {
    options.deliver(payload, (answer) => send(res, answer));
  } catch (error) {
    options.log.warn(
      { interaction: payload.id, type: payload.type, problem: error instanceof Error ? error.message : "?" },
      "ignored an HTTP interaction the bot could not read",
    );
    refuse(res, 400, "the interaction could not be read");
  }
}

function isInteraction(value: unknown): value is RawInteraction {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.type === "number" &&
    (v.type === PING || (typeof v.id === "string" && typeof v.token === "string"))
  );
}

/** The body, or undefined once it passes `limit` bytes (the rest is not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * With its length given, node writes the headers and the body as one piece, not as chunks (the
 * answer is whole before anything is written).
 */
function send(res: ServerResponse, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const tooLarge = (res: ServerResponse) =>
  refuse(res, 413, `the body is over ${MAX_BODY_BYTES} bytes`, { connection: "close" });

function refuse(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error }));
}
