/**
 * A real redis-server (Debian's package) for the tests, on a free port on 127.0.0.1, with no
 * persistence. `stop()` and `start()` take it away and bring it back on the same port, for the
 * outage tests; `pause()` and `resume()` freeze it with the connection open. When redis-server is not installed the tests say so and skip, except under
 * CI=true, where they fail (.ci/run installs it).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../state/postgres-server.js";

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered; `resume` thaws it. */
  pause(): void;
  resume(): void;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export type RedisOrSkip = { server: RedisServer } | { skipped: string };

function installed(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Starts a server, or says why not; under CI=true a missing server is an error, not a skip. */
export async function startRedis(): Promise<RedisOrSkip> {
  if (!installed()) {
    const skipped = "redis-server is not installed (apt-get install redis-server)";
    if (process.env.CI === "true")
      throw new Error(`The Redis tests cannot be skipped in CI (CI=true): ${skipped}`);
    console.warn(`\n*** Redis tests SKIPPED: ${skipped} ***\n`);
    return { skipped };
  }
  const dir = mkdtempSync(join(tmpdir(), "redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
      const proc = spawn("redis-server", [...args, "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
      child = proc;
      let out = "";
      proc.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) resolve();
      });
      proc.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-300)}`)));
    });
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
  };
  await start();
  return {
    server: {
      url: `redis://127.0.0.1:${port}`,
      start,
      stop,
      pause: () => child?.kill("SIGSTOP"),
      resume: () => child?.kill("SIGCONT"),
      async destroy() {
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}
