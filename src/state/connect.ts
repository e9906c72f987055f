/**
 * A Kysely instance for the configured engine: an SQLite file (created with its folder on first
 * start) or a Postgres pool. SQLite runs in WAL mode with synchronous=FULL, so a committed write
 * survives a killed process (and a power cut); writes here are rare, so the fsync costs nothing
 * noticeable. Only the driver in use is loaded, and only when the database is opened.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import type { Logger } from "../runtime/log.js";
import type { StateSettings } from "./settings.js";
import type { Tables } from "./tables.js";

/** How long a start or a query waits for a lock or a connection before giving up. */
const WAIT_MS = 5000;

export async function connect(settings: StateSettings, log: Logger): Promise<Kysely<Tables>> {
  if (settings.engine === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    mkdirSync(dirname(settings.file), { recursive: true });
    const file = new Database(settings.file, { timeout: WAIT_MS });
    file.pragma("journal_mode = WAL");
    file.pragma("synchronous = FULL");
    return new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) });
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: 5,
    connectionTimeoutMillis: WAIT_MS,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server is reported here; without a listener it would crash
  // the process. The pool opens a fresh connection on the next query.
  pool.on("error", (error) =>
    log.warn({ code: (error as { code?: string }).code }, "database connection lost"),
  );
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

/** One round trip: proves the server is reachable and the login works. */
export async function ping(db: Kysely<Tables>): Promise<void> {
  await sql`select 1`.execute(db);
}
