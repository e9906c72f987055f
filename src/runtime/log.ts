/** The bot's pino logger: JSON lines (or pretty in a terminal) on stderr, secrets scrubbed. */
import { createRequire } from "node:module";
import type { Logger, default as Pino } from "pino";

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

const require = createRequire(import.meta.url);

/** Logs go to stderr: in console mode stdout carries the answers. */
export function createLogger(options: LogOptions): Logger {
  // Loaded here, not imported: a lazy logger (below) leaves pino's modules unread until it logs.
  const pino = require("pino") as typeof Pino;
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
    require.resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

/**
 * A logger made on first use: the console, logging only warnings, usually never logs, and
 * loading pino was about a tenth of its time to the first answer. Each call goes to the real
 * logger, so a child or a level set through this one behaves as pino's own.
 */
export function lazyLogger(make: () => Logger): Logger {
  let real: Logger | undefined;
  const logger = () => {
    real ??= make();
    return real;
  };
  return new Proxy({} as Logger, {
    get(_target, key) {
      const target = logger();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(logger(), key, value),
    has: (_target, key) => Reflect.has(logger(), key),
  });
}
