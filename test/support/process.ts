/**
 * Child processes for tests: a clean environment (no tokens, no developer .env, no database of the
 * developer's) with a STATE_DIR of its own in the temp folder, so no test writes state/ in the
 * repository or shares a database file with another; the folder goes when the child has exited.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const STATE_PREFIX = join(tmpdir(), "bot-test-state-");
const stateDirs = new Set<string>();

/** Removes a STATE_DIR that cleanEnv made (one a test passed itself is the test's to remove). */
export function removeStateDir(env: NodeJS.ProcessEnv | undefined): void {
  const dir = env?.STATE_DIR;
  if (!dir || !stateDirs.has(dir)) return;
  stateDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}
// A child spawned without runProcess or startProcess: its folder goes when the test file ends.
process.on("exit", () => {
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Environment for a child bot: no tokens, no developer .env or database, quiet logs unless a test
 * asks, and a fresh STATE_DIR (created only if the child opens its SQLite database).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DISCORD_|SLACK_|PORT$|LOG_|ARTICLE_DIR$|DATABASE_URL$|STATE_DIR$|TOKEN_ENCRYPTION_KEY$)/u.test(k))
      env[k] = v;
  const stateDir = `${STATE_PREFIX}${randomUUID()}`;
  stateDirs.add(stateDir);
  return { ...env, ENV_FILE: "/nonexistent/.env", NO_COLOR: "", STATE_DIR: stateDir, ...extra };
}

/** A child's stdout and stderr, collected as they come. */
export function capture(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: "", stderr: "" };
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    output.stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    output.stderr += d;
  });
  return output;
}

/** Runs a command to completion with `input` on stdin; kills it if it outlives `timeoutMs`. */
export function runProcess(
  command: string,
  args: string[],
  input: string,
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], ...options });
    const output = capture(child);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      removeStateDir(options.env);
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
    child.stdin?.end(input);
  });
}

export const runBot = (input: string, args: string[] = [], env: Record<string, string> = {}) =>
  runProcess(process.execPath, ["dist/src/main.js", ...args], input, { env: cleanEnv(env) });
