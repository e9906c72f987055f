import { type ChildProcess, spawn } from "node:child_process";
import { type Finished, removeStateDir } from "./process.js";

/**
 * A long-running child (the bot serving Slack or Discord) whose JSON log lines a test can wait
 * for, and which it stops with a signal as an operator would.
 */
export interface RunningProcess {
  child: ChildProcess;
  /** Every JSON log line written to stderr so far, parsed. */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line (seen or still to come) that satisfies `test`. */
  waitForLog(
    test: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Sends `signal` (to the whole process group, so `npm start`'s node child gets it too) and waits for exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Finished>;
}

export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  // Its own process group: npm start runs node under npm and sh, and the signal must reach node.
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const logs: Record<string, unknown>[] = [];
  let stdout = "";
  let stderr = "";
  let partial = "";
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    const lines = (partial + d).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line (npm's banner, a start-up error): kept in stderr()
      }
    }
    for (const notify of [...listeners]) notify();
  });
  const exited = new Promise<Finished>((resolve) => {
    child.on("close", (code, signal) => {
      removeStateDir(env);
      resolve({ code, signal, stdout, stderr });
    });
  });

  return {
    child,
    logs,
    stderr: () => stderr,
    waitForLog(test, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(test);
          if (!found) return;
          finish();
          resolve(found);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        exited.then(() => {
          finish();
          reject(new Error(`the process exited before the log line; stderr:\n${stderr}`));
        });
        check();
      });
    },
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, signal);
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), timeoutMs);
      const finished = await exited;
      clearTimeout(timer);
      return finished;
    },
  };
}
