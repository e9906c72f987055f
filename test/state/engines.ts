/**
 * The engines every state test runs on: SQLite files in a temp folder and a real Postgres server.
 * `fresh()` gives the environment for a new, empty database; `rows()` reads a table without the
 * code under test, to check what is really stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import pino from "pino";
import type { Env } from "../../src/runtime/config.js";
import { SQLITE_FILE } from "../../src/state/index.js";
import { type PostgresServer, startPostgres } from "./postgres-server.js";

export interface EngineUnderTest {
  name: "sqlite" | "postgres";
  fresh(): Promise<Env>;
  /** Runs SQL directly on the database `env` names and returns the rows. */
  sql(env: Env, text: string): Promise<Record<string, unknown>[]>;
}

export interface Engines {
  engines: EngineUnderTest[];
  postgres: PostgresServer | undefined;
  /** Why Postgres is not among the engines, when it is not. */
  skipped: string | undefined;
  stop(): Promise<void>;
}

export async function setUpEngines(): Promise<Engines> {
  const dirs: string[] = [];
  const sqlite: EngineUnderTest = {
    name: "sqlite",
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), "state-sqlite-"));
      dirs.push(dir);
      return { STATE_DIR: dir };
    },
    async sql(env, text) {
      const file = new Database(join(env.STATE_DIR ?? "", SQLITE_FILE));
      try {
        const statement = file.prepare(text);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } finally {
        file.close();
      }
    },
  };
  const started = await startPostgres();
  const server = "server" in started ? started.server : undefined;
  const skipped = "skipped" in started ? started.skipped : undefined;
  if (skipped && process.env.CI === "true")
    throw new Error(`The Postgres state tests cannot be skipped in CI (CI=true): ${skipped}`);
  if (skipped) console.warn(`\n*** Postgres state tests SKIPPED: ${skipped} ***\n`);
  const postgres: EngineUnderTest | undefined = server && {
    name: "postgres",
    fresh: async () => ({ DATABASE_URL: await server.freshDatabase() }),
    async sql(env, text) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
  };
  return {
    engines: postgres ? [sqlite, postgres] : [sqlite],
    postgres: server,
    skipped,
    async stop() {
      await server?.destroy();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real pino logger whose lines the test can read. */
export function collectingLogger(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => out.push(line) });
  return { log, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** A fresh key as `openssl rand -base64 32` prints one. */
export const newKey = (): string =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
