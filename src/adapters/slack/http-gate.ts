/**
 * HTTP mode's checks before Bolt sees a request to /slack/events: the body is read once, within
 * Bolt's own size limit; a timestamp more than five minutes ahead is refused with 401 (Bolt
 * refuses only old ones); and a verified form body too large to be a command is answered with one
 * short private note instead of being parsed, split and echoed (an event is JSON and goes on: the
 * mention listener answers a long one in its thread). Everything else (signature checks, their
 * 401s, routing) stays Bolt's: the buffered body is handed on as Bolt's own `rawBody`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  type HTTPReceiver,
  isValidSlackRequest,
} from "@slack/bolt";
import { MAX_TEXT } from "../../core/parse-text.js";
import type { Logger } from "../../runtime/log.js";
import { note } from "./render/limits.js";

/** Slack's allowed clock skew, either way. */
const SKEW_SECONDS = 5 * 60;
/** A slash command's whole form, text at its longest (percent-encoded) included, fits well in this. */
const MAX_COMMAND_BYTES = 32 * 1024;

export interface GateOptions {
  signingSecret: string;
  log: Logger;
  endpoint?: string;
  now?: () => number;
}

/** Puts the checks in front of the receiver's request listener. */
export function gate(receiver: HTTPReceiver, options: GateOptions): void {
  const next = receiver.requestListener;
  const endpoint = options.endpoint ?? "/slack/events";
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || path !== endpoint) return next(req, res);
    screen(req, res, options).then(
      (pass) => pass && next(req, res),
      (error: unknown) => {
        options.log.warn({ cause: String(error) }, "could not read a Slack request");
        if (!res.headersSent) end(res, 400);
      },
    );
  };
}

/** True when Bolt should take the request on; otherwise it has been answered here. */
async function screen(req: IncomingMessage, res: ServerResponse, options: GateOptions): Promise<boolean> {
  const { log } = options;
  const body = await readWithin(req, defaultBodyLimit);
  if (body === undefined) {
    log.warn({ limit: defaultBodyLimit }, "refused a Slack request: the body is too large");
    end(res, 413);
    return false;
  }
  (req as BufferedIncomingMessage).rawBody = body;
  const nowSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const timestamp = Number(req.headers["x-slack-request-timestamp"]);
  if (timestamp - nowSeconds > SKEW_SECONDS) {
    log.warn({ aheadSeconds: timestamp - nowSeconds }, "refused a Slack request timestamped in the future");
    end(res, 401);
    return false;
  }
  // Events come as JSON (slash commands as forms): a long mention is the listener's to refuse, in its thread.
  const json = String(req.headers["content-type"] ?? "").startsWith("application/json");
  if (body.length <= MAX_COMMAND_BYTES || json) return true;
  const signature = req.headers["x-slack-signature"];
  const verified =
    typeof signature === "string" &&
    isValidSlackRequest({
      signingSecret: options.signingSecret,
      body: body.toString("utf8"),
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
    });
  // Bolt refuses an unverified one with its own 401 and log line.
  if (!verified) return true;
  log.warn({ bytes: body.length }, "refused a slash command too large to parse");
  const kb = Math.round(body.length / 1024).toLocaleString("en-US");
  const text = `That command was ${kb} KB; commands take at most ${MAX_TEXT.toLocaleString("en-US")} characters of text. Nothing was run.`;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ response_type: "ephemeral", ...note(text) }));
  return false;
}

/** The whole body, or undefined once it passes `limit` bytes (the rest is read and dropped). */
async function readWithin(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"]) > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size <= limit ? Buffer.concat(chunks) : undefined;
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
