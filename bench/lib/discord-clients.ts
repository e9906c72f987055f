import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { commands } from "../../commands/index.js";
import { registerCommands } from "../../src/adapters/discord/register.js";
import { loadArticle } from "../../src/article/load.js";
import { forArticle } from "../../src/core/command.js";
import { FakeDiscord, type InteractionRecord, type InteractSpec } from "../../test/fakes/discord/index.js";

/**
 * The two Discord clients the benchmarks compare, each in its own process as a bot runs: the bot
 * (`node dist/src/main.js`, Discord only, cooldown off) and a bare discord.js client that answers
 * every command with a constant (bench/discord-bare-client.mjs). Both log in to a local fake.
 */
export interface Side {
  name: string;
  spawn(fake: FakeDiscord): ChildProcess;
  /** The line (stdout or stderr) the process writes once the client is ready. */
  ready: RegExp;
}

const env = (fake: FakeDiscord, extra: Record<string, string> = {}) => ({
  ...process.env,
  ENV_FILE: "/nonexistent/.env",
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.state.applicationId,
  DISCORD_API_URL: fake.apiUrl,
  ...extra,
});

export const BOT: Side = {
  name: "bot",
  spawn: (fake) =>
    spawn(process.execPath, ["dist/src/main.js"], {
      env: env(fake, { LOG_FORMAT: "json", LOG_LEVEL: "info", COOLDOWN_COMMANDS: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ready: /"msg":"connected to Discord"/u,
};

/** The bare client; with `embeds`, it answers with those instead of "ok". */
export const bare = (embeds?: unknown): Side => ({
  name: embeds ? "bare discord.js, same embeds" : "bare discord.js",
  spawn: (fake) =>
    spawn(process.execPath, ["bench/discord-bare-client.mjs"], {
      env: env(fake, embeds ? { BARE_REPLY_EMBEDS: JSON.stringify(embeds) } : {}),
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ready: /^ready$/mu,
});

export const BARE: Side = bare();

/** A fake Discord with the commands registered in its guild, as `npm run register` does. */
export async function startFake(validate = true): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ validate });
  const { token, apiUrl, state } = fake;
  await registerCommands(
    { token, apiUrl, applicationId: state.applicationId, guildId: state.guildId },
    forArticle(commands, loadArticle()),
  );
  return fake;
}

export interface Running {
  child: ChildProcess;
  /** From spawn to the client's ready line. */
  readyMs: number;
  /** CPU time (user + system) the process has used so far, from /proc, in 10 ms ticks. */
  cpuMs(): number;
  /** Resident memory now, from /proc. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function start(side: Side, fake: FakeDiscord): Promise<Running> {
  const started = performance.now();
  const child = side.spawn(fake);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const check = (d: Buffer) => {
      output += d.toString();
      if (side.ready.test(output)) resolve();
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => reject(new Error(`${side.name} exited (${code}) before ready:\n${output}`)));
  });
  const readyMs = performance.now() - started;
  await fake.connected();
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, "utf8");
  return {
    child,
    readyMs,
    cpuMs() {
      // Fields 14 and 15 of /proc/pid/stat (utime, stime), counted after the command name.
      const fields = proc("stat").split(") ")[1]?.split(" ") ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    rssMiB: () => Number(/VmRSS:\s+(\d+)/u.exec(proc("status"))?.[1] ?? Number.NaN) / 1024,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const CALLBACK = "POST /interactions/:interaction/:token/callback";

/** Dispatches `n` interactions at once; resolves with their records once every one is answered. */
export async function burst(fake: FakeDiscord, n: number, spec: InteractSpec): Promise<InteractionRecord[]> {
  let answered = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  // One listener counting answers: a waiter per interaction would cost the fake O(n²).
  const count = (r: { route: string }) => {
    if (r.route === CALLBACK && ++answered === n) done();
  };
  fake.on("request", count);
  const records = Array.from({ length: n }, () => fake.interact(spec).record);
  await all;
  fake.off("request", count);
  return records;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export const median = (xs: readonly number[]): number =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/** What a busy server asks, in turns of bursts. */
export const MIX: InteractSpec[] = [
  { command: "quote", options: { topic: "grants" } },
  { command: "summary", options: { length: "full" } },
  { command: "penalties" },
  { command: "quote", options: { topic: "pizza" } },
  { command: "help" },
];

/** Sends MIX in bursts of 500, and at each checkpoint (commands sent so far) notes `measure()`. */
export async function loadWithMix(fake: FakeDiscord, checkpoints: readonly number[], measure: () => number) {
  const figures: number[] = [];
  let sent = 0;
  for (const upTo of checkpoints) {
    for (; sent < upTo; sent += 500) await burst(fake, 500, MIX[(sent / 500) % MIX.length] as InteractSpec);
    figures.push(measure());
  }
  return figures;
}
