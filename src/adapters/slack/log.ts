import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../runtime/log.js";

const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/**
 * Faults the adapter reports itself, once, with the command and a cause (post-thread.ts,
 * responder.ts, socket-mode.ts): the libraries' own lines about them would only repeat it, a few
 * times over, so they go to debug. Anything else they say keeps its level.
 */
const HANDLED = [
  /^http request failed/u, // WebClient: a network error or a 429 given up on
  /^API Call failed due to rate limiting/u, // WebClient: waiting out a 429
  /^WebSocket error/u, // Socket Mode: the connection failed or dropped
  /^Failed to retrieve a new WSS URL/u, // Socket Mode: apps.connections.open failed while reconnecting
  /^Failed to send a (WebSocket )?message/u, // Socket Mode: an ack on a closed connection
  /^A p[io]ng wasn't received/u, // Socket Mode: a silent connection, closed and reconnected
  /^Peer did not complete the close handshake/u,
  /^Authorization of incoming event did not succeed/u, // OAuth: start.ts says which workspace, once
];

/**
 * Bolt, its Web API client and its Socket Mode client log through this, so their lines land in
 * our pino log (as JSON, secrets scrubbed) instead of on the console in their own format.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "bolt" });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      // Bolt logs a few debug lines on every request: do not build them only to drop them.
      if (!child.isLevelEnabled(level)) return;
      const err = parts.find((p) => p instanceof Error);
      const message = parts
        .filter((p) => p !== err)
        .map(show)
        .join(" ");
      const to = level !== "debug" && HANDLED.some((r) => r.test(message)) ? "debug" : level;
      if (err) child[to]({ err }, message);
      else child[to](message);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    // pino's level is the one setting; Bolt asks for it to skip building debug strings.
    setLevel: () => {},
    getLevel: () => TO_BOLT[child.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}

function show(part: unknown): string {
  if (typeof part === "string") return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
