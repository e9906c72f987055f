/**
 * A bench child process (`node ...args`; pass `--import tsx` to run TypeScript): its stdin fed
 * `input`, its one JSON line of stdout parsed.
 */
import { spawn } from "node:child_process";

export function runChild<T>(args: readonly string[], input = ""): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...args], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", fail);
    child.on("exit", (code) => {
      if (code !== 0) return fail(new Error(`bench child ${args.join(" ")} exited ${code}`));
      try {
        done(JSON.parse(out) as T);
      } catch (error) {
        fail(error);
      }
    });
    child.stdin.end(input);
  });
}
