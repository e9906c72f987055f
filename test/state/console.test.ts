/**
 * The console and the database, as a real process: a command that needs no records opens nothing
 * (no database driver loaded, no STATE_DIR created), and /article post then /article history
 * record and show the console's entries, on SQLite and on a real Postgres server.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, runProcess } from "../support/process.js";
import { setUpEngines } from "./engines.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

describe("the console and the database", () => {
  it("opens nothing for a command that needs no records", async () => {
    const trace = join(mkdtempSync(join(tmpdir(), "trace-")), "imports.txt");
    writeFileSync(trace, "");
    const env = cleanEnv({ TRACE_IMPORTS_FILE: trace });
    const run = await runProcess(
      process.execPath,
      ["--import", "./test/support/trace-imports.mjs", "dist/src/main.js"],
      "/help\n/summary\n",
      { env },
    );
    expect(run.code).toBe(0);
    expect(readFileSync(trace, "utf8")).not.toMatch(/node_modules\/(kysely|better-sqlite3|pg)\//u);
    expect(existsSync(String(env.STATE_DIR))).toBe(false);
  });

  it.each(setup.engines)("records /article post and shows it in /article history ($name)", async (engine) => {
    const env = await engine.fresh();
    const run = await runProcess(
      process.execPath,
      ["dist/src/main.js"],
      "/article history\n/article post\n/article history\n",
      { env: cleanEnv(env as Record<string, string>) },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("No /article post has been recorded in this workspace or server yet.");
    expect(run.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC · @console · #console · asked/u);
    expect(await engine.sql(env, "select outcome, platform from audit_log")).toEqual([
      { outcome: "asked", platform: "console" },
    ]);
  });
});
