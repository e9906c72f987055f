import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/**
 * Bolt, its Web API client and its Socket Mode client log through this, so their lines land in
 * our pino log (as JSON, secrets scrubbed) instead of on the console in their own format.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "bolt" });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      const message = parts
        .filter((p) => p !== err)
        .map(show)
        .join(" ");
      if (err) child[level]({ err }, message);
      else child[level](message);
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
