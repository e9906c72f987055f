import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Row } from "./lib/report.js";

/**
 * Console start-up and memory, on the compiled bot (`node dist/src/main.js`, what `npm start`
 * runs after building) beside `node -e ""` started the same way.
 */
const env = {
  ...process.env,
  ENV_FILE: "/nonexistent/.env",
  DISCORD_TOKEN: "",
  SLACK_BOT_TOKEN: "",
  SLACK_APP_TOKEN: "",
  SLACK_SIGNING_SECRET: "",
};

function timeToFirstOutput(args: string[], input: string, command = process.execPath): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "inherit"] });
    let first: number | undefined;
    child.stdout.once("data", () => {
      first = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", () => resolve(first ?? Number(process.hrtime.bigint() - start) / 1e6));
    child.stdin.end(input);
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

export async function benchStartup(rounds = 15): Promise<Row[]> {
  const bot: number[] = [];
  const bare: number[] = [];
  const npm: number[] = [];
  const npmAlone: number[] = [];
  // Alternate, so drift on a shared machine hits all alike. The build is current (bench/run.ts
  // builds first), so npm start only checks that and runs the bot.
  for (let i = 0; i < rounds; i++) {
    bare.push(await timeToFirstOutput(["-e", ""], ""));
    bot.push(await timeToFirstOutput(["dist/src/main.js"], "/summary\n"));
    npm.push(await timeToFirstOutput(["start", "-s"], "/summary\n", "npm"));
    // npm's own start-up: its built-in `env` script prints at once, so this is npm and a shell.
    npmAlone.push(await timeToFirstOutput(["run", "-s", "env"], "", "npm"));
  }
  const b = median(bot);
  const n = median(bare);
  const s = median(npm);
  const e = median(npmAlone);
  const limit = 1.5 * n + 150;
  return [
    {
      suite: "start-up",
      name: "console: npm start -s, spawn to first answer (/summary), median",
      value: s,
      unit: "ms",
      baseline: { name: "node dist/src/main.js", value: b },
      ratio: s / b,
      target: "≤ 1.5× node dist/src/main.js",
      met: s <= 1.5 * b,
    },
    {
      suite: "start-up",
      name: "console: what npm start -s adds beyond node dist/src/main.js (build check included)",
      value: s - b,
      unit: "ms",
      baseline: { name: "npm's own start-up: npm run -s env, spawn to first output", value: e },
      ratio: (s - b) / e,
    },
    {
      suite: "start-up",
      name: "console: spawn to first answer (/summary), median",
      value: b,
      unit: "ms",
      baseline: { name: 'node -e ""', value: n },
      ratio: b / n,
      target: `< 1.5× baseline + 150 ms = ${limit.toFixed(0)} ms`,
      met: b < limit,
    },
  ];
}

/** RSS of a console process after 1,000 and after 10,000 piped commands (read from /proc). */
export async function benchConsoleMemory(): Promise<Row[]> {
  const child = spawn(process.execPath, ["dist/src/main.js", "--json"], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const rss = () =>
    Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? Number.NaN) /
    1024;
  const lines = [
    "/quote grants",
    "/summary full",
    "/penalties",
    "/quote grnts",
    "/quote pizza",
    "/help",
    "/quote claw back private",
    "/article post",
  ];
  let answered = 0;
  let buffered = "";
  const waiters: { count: number; resolve: () => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    buffered += d;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    answered += parts.length;
    for (const w of waiters.filter((w) => answered >= w.count)) w.resolve();
  });
  const batch = (from: number, to: number) =>
    new Promise<void>((resolve) => {
      waiters.push({ count: to, resolve });
      child.stdin.write(
        `${Array.from({ length: to - from }, (_, i) => lines[(from + i) % lines.length]).join("\n")}\n`,
      );
    });
  // In batches of 100 answered before the next, as commands arrive in a chat: a single burst of
  // 9,000 lines would measure readline's buffer, not the bot.
  const send = async (from: number, to: number) => {
    for (let at = from; at < to; at += 100) await batch(at, Math.min(at + 100, to));
  };
  await send(0, 1);
  const ready = rss();
  await send(1, 1_000);
  const at1k = rss();
  await send(1_000, 10_000);
  const at10k = rss();
  child.stdin.end();
  await new Promise((r) => child.on("close", r));
  const growth = (at10k - at1k) / at1k;
  return [
    { suite: "memory", name: "console RSS after first answer", value: ready, unit: "MiB" },
    {
      suite: "memory",
      name: "console RSS after 10,000 commands",
      value: at10k,
      unit: "MiB",
      baseline: { name: "after 1,000", value: at1k },
      ratio: at10k / at1k,
      target: "growth ≤ 10%",
      met: growth <= 0.1,
    },
  ];
}
