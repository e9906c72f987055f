/**
 * Database failures in words a person can act on. At open they are ConfigError lines (start-up
 * stops with one line, never a stack or a password); while running, a lost connection becomes
 * DatabaseUnavailableError so a caller can answer "try again shortly" and carry on.
 */
import { ConfigError } from "../runtime/config.js";
import type { Engine } from "./tables.js";

/** The database could not be used just now; the pool reconnects on its own when it returns. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause: unknown },
  ) {
    super(`The database is unavailable right now (${reason}); try again shortly.`, options);
    this.name = "DatabaseUnavailableError";
  }
}

const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/** A short code for the error: a Node errno, a Postgres SQLSTATE or an SQLite result code. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code !== "") return code;
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  if (/timeout/iu.test(error.message)) return "timeout";
  if (/Connection terminated/iu.test(error.message)) return "connection lost";
  return undefined;
}

/** True when the failure is the database being out of reach, not a bad query. */
export function isUnavailable(error: unknown): boolean {
  const code = errorCode(error);
  if (code === undefined) return false;
  return (
    NETWORK.has(code) ||
    code === "timeout" ||
    code === "connection lost" ||
    /^08/u.test(code) || // Postgres connection exceptions
    /^57P0[1-3]$/u.test(code) || // server shutting down or starting
    code === "53300" || // too many connections
    /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY)/u.test(code)
  );
}

/** The one line start-up prints when the database cannot be opened. */
export function openError(error: unknown, engine: Engine, location: string): Error {
  if (error instanceof ConfigError) return error;
  const code = errorCode(error);
  const said = error instanceof Error ? error.message.replaceAll(/\s+/gu, " ").slice(0, 200) : String(error);
  if (engine === "sqlite") {
    const what = code === "SQLITE_NOTADB" ? "it is not an SQLite database" : `${code ?? "error"}: ${said}`;
    return new ConfigError([
      `Could not open the SQLite database at ${location} (${what}). Check STATE_DIR: the folder must be writable.`,
    ]);
  }
  if (code === "28P01" || code === "28000")
    return new ConfigError([
      `The database at ${location} refused the login (${code}). Check the user and password in DATABASE_URL.`,
    ]);
  if (code === "3D000")
    return new ConfigError([
      `The database named in ${location} does not exist (3D000). Create it, or fix DATABASE_URL.`,
    ]);
  if (code === undefined || isUnavailable(error))
    return new ConfigError([
      `Could not reach the database at ${location} (${code ?? said}). Check DATABASE_URL.`,
    ]);
  return new ConfigError([`The database at ${location} failed while opening (${code}: ${said}).`]);
}
