import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child bot: no tokens, no developer .env, quiet logs unless a test asks. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DISCORD_|SLACK_|PORT$|LOG_|ARTICLE_DIR$)/u.test(k)) env[k] = v;
  return { ...env, ENV_FILE: "/nonexistent/.env", NO_COLOR: "", ...extra };
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
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
    child.stdin?.end(input);
  });
}

export const runBot = (input: string, args: string[] = [], env: Record<string, string> = {}) =>
  runProcess(process.execPath, ["dist/src/main.js", ...args], input, { env: cleanEnv(env) });
