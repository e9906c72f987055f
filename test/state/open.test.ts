/**
 * Opening the store: migrations run once and are idempotent, a schema newer than the code and a
 * wrong token key stop with one line, and a database that cannot be reached or opened is one line
 * that names it without its password.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, type Env } from "../../src/runtime/config.js";
import { openDatabase, SQLITE_FILE, stateSettings } from "../../src/state/index.js";
import { MIGRATIONS } from "../../src/state/migrations.js";
import { collectingLogger, newKey, setUpEngines } from "./engines.js";
import { freePort } from "./postgres-server.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

/** Every migration this code knows, and the newest version. */
const VERSIONS = MIGRATIONS.map((m) => m.version);
const LATEST = VERSIONS.at(-1);

const open = (env: Env) => openDatabase(stateSettings(env), collectingLogger().log);

/** The single line a failed open says, as main.ts would print it. */
async function refusal(env: Env): Promise<string> {
  const error = await open(env).then(
    async (store) => {
      await store.close();
      return new Error("expected the open to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message.split("\n")).toHaveLength(1);
  return message;
}

describe.each(setup.engines)("opening the $name store", (engine) => {
  it("migrates a new database, and opening again applies nothing", async () => {
    const env = await engine.fresh();
    const { log, lines } = collectingLogger();
    const first = await openDatabase(stateSettings(env), log);
    expect(first.schema).toEqual({ version: LATEST, applied: VERSIONS });
    await first.close();
    const second = await open(env);
    expect(second.schema).toEqual({ version: LATEST, applied: [] });
    await second.close();
    expect(await engine.sql(env, "select version from schema_migrations order by version")).toEqual(
      VERSIONS.map((version) => ({ version })),
    );
    expect(lines().map((l) => l.msg)).toContain("database opened and migrated");
  });

  it("refuses a database whose schema is newer than the code, in one line", async () => {
    const env = await engine.fresh();
    await (await open(env)).close();
    await engine.sql(
      env,
      "insert into schema_migrations (version, name, applied_at) values (7, 'future', 'x')",
    );
    expect(await refusal(env)).toMatch(
      new RegExp(
        `^Configuration error: The database at .+ has schema version 7, newer than this bot knows \\(${LATEST}\\): run the newer bot version`,
        "u",
      ),
    );
  });

  it("refuses a TOKEN_ENCRYPTION_KEY other than the one the tokens were stored with", async () => {
    const env = { ...(await engine.fresh()), TOKEN_ENCRYPTION_KEY: newKey() };
    const store = await open(env);
    await store.close();
    const other = newKey();
    const message = await refusal({ ...env, TOKEN_ENCRYPTION_KEY: other });
    expect(message).toMatch(
      /TOKEN_ENCRYPTION_KEY is not the key the stored Slack tokens were encrypted with/u,
    );
    expect(message).not.toContain(other);
    await (await open(env)).close(); // the right key still opens it
  });
});

describe("a database that cannot be opened", () => {
  it("Postgres unreachable: one line naming the host, never the password", async () => {
    const port = await freePort();
    const message = await refusal({ DATABASE_URL: `postgres://bot:s3cret-pw@127.0.0.1:${port}/articles` });
    expect(message).toBe(
      `Configuration error: Could not reach the database at postgres://bot@127.0.0.1:${port}/articles (ECONNREFUSED). Check DATABASE_URL.`,
    );
  });

  it.skipIf(!setup.postgres)(
    "Postgres with a wrong password or a missing database: what to fix",
    async () => {
      const url = new URL((await setup.engines[1]?.fresh())?.DATABASE_URL ?? "");
      const database = url.pathname.slice(1);
      const wrong = await refusal({ DATABASE_URL: setup.postgres?.urlWith(database, "not-the-password") });
      expect(wrong).toMatch(/refused the login \(28P01\)\. Check the user and password in DATABASE_URL\.$/u);
      expect(wrong).not.toContain("not-the-password");
      url.pathname = "/no_such_db";
      expect(await refusal({ DATABASE_URL: url.href })).toMatch(
        /does not exist \(3D000\)\. Create it, or fix DATABASE_URL\.$/u,
      );
    },
  );

  it("SQLite: a STATE_DIR that cannot be a folder, or a file that is not a database", async () => {
    const { STATE_DIR: dir = "" } = (await setup.engines[0]?.fresh()) ?? {};
    writeFileSync(join(dir, "not-a-folder"), "x");
    expect(await refusal({ STATE_DIR: join(dir, "not-a-folder") })).toMatch(
      /^Configuration error: Could not open the SQLite database at .+not-a-folder.+Check STATE_DIR/u,
    );
    writeFileSync(
      join(dir, SQLITE_FILE),
      "this is not SQLite, just some text that is long enough ".repeat(20),
    );
    expect(await refusal({ STATE_DIR: dir })).toMatch(/\(it is not an SQLite database\)\. Check STATE_DIR/u);
  });
});
