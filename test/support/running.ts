import { type ChildProcess, spawn } from "node:child_process";
import { capture, type Finished } from "./process.js";

/** A process that keeps running (a bot) until the test stops it; its output collects as it comes. */
export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` appears in stderr (the log), rejects if the process ends first. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /**
   * Sends `signal` to the whole process group, as a terminal's Ctrl-C or a supervisor stopping a
   * service does (npm does not pass signals on to the script it runs), and resolves with how the
   * process ended; SIGKILL after `timeoutMs`.
   */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Finished>;
}

export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  // Its own process group, so that stop() reaches npm's children too.
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const output = capture(child);
  const finished = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, ...output })),
  );
  return {
    child,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    waitForLog(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => done(new Error(`no log line matching ${pattern} in:\n${output.stderr}`)),
          timeoutMs,
        );
        const check = () => {
          if (pattern.test(output.stderr)) done();
        };
        const done = (error?: Error) => {
          clearTimeout(timer);
          child.stderr?.off("data", check);
          if (error) reject(error);
          else resolve();
        };
        child.stderr?.on("data", check);
        void finished.then(() =>
          done(new Error(`the process ended before logging ${pattern}:\n${output.stderr}`)),
        );
        check();
      });
    },
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      signalGroup(signal);
      const timer = setTimeout(() => signalGroup("SIGKILL"), timeoutMs);
      const result = await finished;
      clearTimeout(timer);
      return result;
    },
  };
}
