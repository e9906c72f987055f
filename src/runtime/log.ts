/** The bot's pino logger: JSON lines (or pretty in a terminal) on stderr, secrets scrubbed. */
import { createRequire } from "node:module";
import pino, { type Logger } from "pino";

export type { Logger };

export interface LogOptions {
  level: string;
  format: "auto" | "json" | "pretty";
  /** Values that must never appear in a log line, whatever field or message carries them. */
  secrets: readonly string[];
  /** Fields every line carries (a Discord shard process's shard id). */
  fields?: Record<string, unknown> | undefined;
}

// Known secret-bearing fields are removed; any secret value that slips into another field or a
// message is replaced on the way out, so a token can never reach a log line.
const REDACT = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
];

/** Logs go to stderr: in console mode stdout carries the answers. */
export function createLogger(options: LogOptions): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 4);
  const scrub = (line: string) => secrets.reduce((out, s) => out.replaceAll(s, "[redacted]"), line);
  const pretty =
    options.format === "pretty" || (options.format === "auto" && process.stderr.isTTY && hasPinoPretty());
  const base = {
    level: options.level,
    redact: { paths: REDACT, censor: "[redacted]" },
    hooks: { streamWrite: scrub },
  };
  const logger = pretty
    ? pino({ ...base, transport: { target: "pino-pretty", options: { destination: 2 } } })
    : pino(base, pino.destination({ dest: 2, sync: true }));
  return options.fields ? logger.child(options.fields) : logger;
}

/** pino-pretty is a dev dependency: production installs fall back to JSON. */
function hasPinoPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
