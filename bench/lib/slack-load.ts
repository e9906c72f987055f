import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { type FakeSlack, signature, slashCommandPayload } from "../../test/fakes/slack/index.js";

/**
 * The Slack HTTP servers the benchmarks load (bench/slack-target.ts, each in a process of its own),
 * and the signed requests and load runs they get.
 */
export const SECRET = "bench-signing-secret-0123456789";
export const BARE_ANSWER = "ok";

export interface Target {
  kind: string;
  child: ChildProcess;
  url: string;
  rssMiB(): number;
  /** CPU time the process has used so far (user + system), in ms. */
  cpuMs(): number;
  /** Runs a full GC; resolves with the heap still in use, in MiB. */
  gc(): Promise<number>;
  stop(): Promise<void>;
}

/** A bot, or a bare Bolt app acking `answer` (a string, or JSON it acks as an object). */
export function startTarget(kind: "bot" | "bare", fake: FakeSlack, answer = BARE_ANSWER): Promise<Target> {
  const args = [kind, fake.api.url, fake.api.botToken, SECRET, answer];
  // BENCH_CPU_PROF=<dir>: each server's CPU profile, into <dir>/<kind>.
  const dir = process.env.BENCH_CPU_PROF;
  const profile = dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}/${kind}`] : [];
  return spawnTarget(kind, "bench/slack-target.ts", args, "/slack/events", profile);
}

/**
 * A benchmark server in a child process (`node ...nodeFlags --expose-gc --import tsx <script> ...args`) that
 * prints {"port"} once listening, answers "gc" on stdin and exits when stdin closes.
 */
export async function spawnTarget(
  kind: string,
  script: string,
  args: string[],
  path: string,
  nodeFlags: string[] = [],
): Promise<Target> {
  const child = spawn(process.execPath, [...nodeFlags, "--expose-gc", "--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
  const { port } = await next();
  return {
    kind,
    child,
    url: `http://127.0.0.1:${port}${path}`,
    rssMiB: () =>
      Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? Number.NaN) /
      1024,
    cpuMs: () => cpuMsOf(child.pid),
    async gc() {
      child.stdin?.write("gc\n");
      return Number((await next()).heapUsed) / 2 ** 20;
    },
    async stop() {
      child.stdin?.end();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** CPU time process `pid` has used so far (user + system), in ms, from /proc. */
export function cpuMsOf(pid: number | undefined): number {
  // utime and stime, fields 14 and 15 of /proc/pid/stat, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let triggers = 0;

/**
 * A signed /quote grants (or other) request, as Slack sends it; good for five minutes. Each
 * request autocannon sends is a new one (its own trigger_id, signed afresh), as members' commands
 * are: the bot acks a body it has already seen without running it again (a Slack retry).
 * `users`: each request from a member of its own (U0BENCH1, U0BENCH2, …), so a cooldown that is
 * on refuses nobody and keeps one entry per member, as under many members.
 */
export function signed(fake: FakeSlack, line: string, users = false) {
  const [command = "", ...rest] = line.split(" ");
  const build = () => {
    const who = users ? { user_id: `U0BENCH${triggers + 1}` } : {};
    const payload = slashCommandPayload({ command, text: rest.join(" "), ...who }, fake.api);
    const body = new URLSearchParams({ ...payload, trigger_id: `${++triggers}.bench.trigger` }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      method: "POST" as const,
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature(SECRET, timestamp, body),
      },
    };
  };
  return { ...build(), setupRequest: <R extends object>(request: R) => ({ ...request, ...build() }) };
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's CPU time per request, in µs: what it costs whoever is the bottleneck. */
  cpuUs: number;
}

/**
 * `amount` requests at concurrency `connections`; every response must be 200 with exactly `expectBody` (or a
 * body it accepts).
 * Throughput is timed from the first request to the last response: autocannon's own duration is
 * rounded up to its one-second sampling tick, too coarse for runs of a second or two.
 */
export function load(
  target: Pick<Target, "url" | "cpuMs">,
  request: {
    method: "POST";
    body: string;
    headers: Record<string, string>;
    setupRequest: <R extends object>(request: R) => R;
  },
  expectBody: string | ((body: string) => boolean),
  amount: number,
  connections = 50,
) {
  return new Promise<Load>((resolve, reject) => {
    const cpu = target.cpuMs();
    const started = performance.now();
    let last = started;
    let wrong = 0;
    const run = autocannon(
      {
        url: target.url,
        connections,
        amount,
        // autocannon's expectBody cannot go with per-request bodies: each answer is checked here.
        requests: [
          {
            ...request,
            onResponse: (status: number, body: string) => {
              const ok = typeof expectBody === "string" ? body === expectBody : expectBody(body);
              if (status !== 200 || !ok) wrong += 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.total / ((last - started) / 1000),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx + wrong,
          cpuUs: ((target.cpuMs() - cpu) * 1000) / result.requests.total,
        });
      },
    );
    run.on("response", () => {
      last = performance.now();
    });
  });
}
