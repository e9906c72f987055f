/**
 * The bot as real processes on real engines, for the shared-state and replica benches: a real
 * Redis and Postgres (the tests' servers), one fake Slack, and bot processes started against
 * them (`node dist/src/main.js`, Slack HTTP mode), all stopped when the bench is done.
 */
import { Redis } from "ioredis";
import { type FakeSlack, startFakeSlack } from "../../test/fakes/slack/index.js";
import { engines } from "../../test/replicas/cluster.js";
import { startBotProcess } from "../../test/support/slack-process.js";
import type { Row } from "./report.js";
import { cpuMsOf, SECRET, signed } from "./slack-load.js";

export interface BotTarget {
  url: string;
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * The bot as main.ts starts it against `fake`, with `env` on top and the benches' signing secret.
 * The cooldown is on at its default, so every command takes it: send each from a member of its
 * own (`signed(…, true)`) and nobody is refused.
 */
export async function startBot(fake: FakeSlack, env: Record<string, string>): Promise<BotTarget> {
  const running = await startBotProcess("http", {
    using: fake,
    env: { SLACK_SIGNING_SECRET: SECRET, ...env },
  });
  const pid = running.bot.child.pid;
  return {
    url: running.url ?? "",
    cpuMs: () => cpuMsOf(pid),
    stop: async () => {
      await running.bot.stop("SIGTERM");
    },
  };
}

/** The bot's answer to /quote grants, the same from every target (else the comparison is void). */
export async function sameAnswer(fake: FakeSlack, urls: string[]): Promise<string> {
  const bodies = await Promise.all(
    urls.map(async (url) => {
      const { method, headers, body } = signed(fake, "/quote grants");
      const response = await fetch(url, { method, headers, body });
      return response.status === 200 ? response.text() : `HTTP ${response.status}`;
    }),
  );
  const [first = ""] = bodies;
  if (!first.includes("grants") || bodies.some((b) => b !== first))
    throw new Error(`the targets answered /quote grants differently: ${bodies.map((b) => b.slice(0, 120))}`);
  return first;
}

/** redis-server's own CPU time so far (INFO cpu), in ms. */
export async function redisCpuMs(client: Redis): Promise<number> {
  const info = await client.info("cpu");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:([\\d.]+)`, "mu").exec(info)?.[1] ?? Number.NaN);
  return (field("used_cpu_user") + field("used_cpu_sys")) * 1000;
}

export interface EngineBench {
  fake: FakeSlack;
  /** A client on the Redis, for its INFO. */
  redis: Redis;
  /** REDIS_URL and DATABASE_URL (one fresh database) for shared state. */
  shared: Record<string, string>;
  /** A bot process with `env`; stopped after the bench. */
  start(env: Record<string, string>): Promise<BotTarget>;
}

/** Runs `bench` on fresh engines and cleans up; no rows when an engine cannot run here. */
export async function withEngines(bench: (on: EngineBench) => Promise<Row[]>): Promise<Row[]> {
  // engines() has said why when it gives none.
  const servers = await engines();
  if (!servers) return [];
  const fake = await startFakeSlack();
  const redis = new Redis(servers.redis.url);
  const bots: BotTarget[] = [];
  try {
    const shared = { REDIS_URL: servers.redis.url, DATABASE_URL: await servers.postgres.freshDatabase() };
    const start = async (env: Record<string, string>) => {
      const bot = await startBot(fake, env);
      bots.push(bot);
      return bot;
    };
    return await bench({ fake, redis, shared, start });
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await redis.quit();
    await fake.close();
    await servers.stop();
  }
}

/** The row every load bench ends with: requests that failed or were answered wrongly. */
export const errorsRow = (suite: string, requests: number, errors: number): Row => ({
  suite,
  name: `errors and wrong answers in ${requests} requests`,
  value: errors,
  unit: "",
  target: "0",
  met: errors === 0,
});
