/**
 * Runs the pending migrations at open, all in one transaction under a lock, so replicas that start
 * together apply each migration once: Postgres takes a transaction-scoped advisory lock, SQLite a
 * BEGIN IMMEDIATE (the database's write lock; other processes wait on busy_timeout). Kysely's own
 * Migrator is not used: on SQLite it takes no lock across processes and runs without a transaction,
 * and a database ahead of the code surfaces only as "previously executed migration is missing".
 */
import { type Kysely, sql } from "kysely";
import { ConfigError } from "../runtime/config.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import type { Engine, Tables } from "./tables.js";

/** Any constant works; it only has to be the same for every replica of this bot. */
const ADVISORY_LOCK_ID = 0x61727469; // "arti"

export interface SchemaState {
  /** The schema version after opening. */
  version: number;
  /** Versions this open applied (empty when another replica or an earlier start did). */
  applied: number[];
}

export async function migrate(
  db: Kysely<Tables>,
  engine: Engine,
  location: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<SchemaState> {
  if (engine === "postgres")
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK_ID})`.execute(trx);
      return applyPending(trx, engine, location, migrations);
    });
  // SQLite: Kysely's transaction() says a deferred BEGIN, which lets two processes read the version
  // and then collide on the first write; BEGIN IMMEDIATE takes the write lock before reading.
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const state = await applyPending(conn, engine, location, migrations);
      await sql`commit`.execute(conn);
      return state;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

async function applyPending(
  db: Kysely<Tables>,
  engine: Engine,
  location: string,
  migrations: readonly Migration[],
): Promise<SchemaState> {
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();
  const row = await db
    .selectFrom("schema_migrations")
    .select((eb) => eb.fn.max("version").as("version"))
    .executeTakeFirst();
  const current = Number(row?.version ?? 0);
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known)
    throw new ConfigError([
      `The database at ${location} has schema version ${current}, newer than this bot knows (${known}): run the newer bot version, or point DATABASE_URL or STATE_DIR at another database.`,
    ]);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version > current)) {
    await migration.up(db, engine);
    await db
      .insertInto("schema_migrations")
      .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
      .execute();
    applied.push(migration.version);
  }
  return { version: Math.max(current, known), applied };
}
