/**
 * Real separate processes on one database: replicas starting together migrate once, and a process
 * killed with SIGKILL in the middle of writing loses nothing it had committed.
 */
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/runtime/config.js";
import { MIGRATIONS } from "../../src/state/migrations.js";
import { capture, cleanEnv, runProcess } from "../support/process.js";
import { setUpEngines } from "./engines.js";

const COMMITTED_BEFORE_KILL = 150;
const setup = await setUpEngines();
afterAll(() => setup.stop());

const CHILD = ["test/state/child.mjs"];

describe.each(setup.engines)("processes sharing the $name database", (engine) => {
  it("three replicas opening at once apply each migration exactly once", async () => {
    const env = { ...(await engine.fresh()), START_AT: String(Date.now() + 1500) };
    const runs = await Promise.all(
      [1, 2, 3].map(() => runProcess(process.execPath, [...CHILD, "open"], "", { env: cleanEnv(env) })),
    );
    for (const run of runs) expect(run.stderr).toBe("");
    const states = runs.map((r) => JSON.parse(r.stdout) as { version: number; applied: number[] });
    const versions = MIGRATIONS.map((m) => m.version);
    const latest = versions.at(-1);
    expect(states.map((s) => s.version)).toEqual([latest, latest, latest]);
    // One replica applied them all; the others found nothing left to do.
    expect(states.map((s) => s.applied).sort((a, b) => b.length - a.length)).toEqual([versions, [], []]);
    expect(await engine.sql(env, "select version from schema_migrations order by version")).toEqual(
      versions.map((version) => ({ version })),
    );
  });

  it("a writer killed with SIGKILL mid-writes loses no committed entry", async () => {
    const env: Env = await engine.fresh();
    const child = spawn(process.execPath, [...CHILD, "write"], {
      env: cleanEnv(env as Record<string, string>),
    });
    const output = capture(child);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_c, signal) => resolve(signal)),
    );
    // Kill it once it has committed a good number of entries, while it is still writing.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer too slow: ${output.stderr}`)), 15_000);
      child.stdout.on("data", () => {
        if (output.stdout.split("\n").length > COMMITTED_BEFORE_KILL) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const committed = output.stdout
      .split("\n")
      .filter((line) => /^\d+$/u.test(line))
      .map(Number);
    const stored = new Set(
      (await engine.sql(env, "select id from audit_log")).map((row) => Number((row as { id: unknown }).id)),
    );
    expect(committed.length).toBeGreaterThanOrEqual(COMMITTED_BEFORE_KILL);
    expect(committed.filter((id) => !stored.has(id))).toEqual([]);
    // At most the one insert in flight at the kill may be there without having been reported.
    expect(stored.size - committed.length).toBeLessThanOrEqual(1);
  });
});

if (setup.skipped)
  describe.skip(`processes sharing the postgres database (SKIPPED: ${setup.skipped})`, () => {
    it("runs the same suite", () => undefined);
  });
