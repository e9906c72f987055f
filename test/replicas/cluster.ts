/**
 * Three real bot processes in Slack HTTP mode as replicas behind a load balancer: one real Postgres
 * (DATABASE_URL), one real Redis (REDIS_URL), one fake Slack, and the round-robin proxy in front.
 * Tests talk to the proxy only, as Slack talks to a load balancer. `engines()` starts the servers
 * (or says why it cannot: a skip, or a failure under CI=true); `startCluster` the processes.
 */
import {
  type FakeSlackApi,
  type HttpAnswer,
  postSigned,
  type SignOptions,
  slashCommandPayload,
  startFakeSlack,
  visibleText,
} from "../fakes/slack/index.js";
import { type PostgresServer, startPostgres } from "../state/postgres-server.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { type RoundRobin, startRoundRobin } from "../support/round-robin.js";
import { type BotProcess, PROCESS_SECRET, startBotProcess } from "../support/slack-process.js";

export const REPLICAS = 3;
export const MODERATOR = "U0MOD";

export interface Engines {
  postgres: PostgresServer;
  redis: RedisServer;
  stop(): Promise<void>;
}

/** Both engines, or undefined (after a clear warning) when one cannot run here; CI=true throws. */
export async function engines(): Promise<Engines | undefined> {
  const redis = await startRedis();
  if (!("server" in redis)) return undefined;
  const postgres = await startPostgres();
  if ("server" in postgres) {
    const stop = async () => {
      await Promise.all([redis.server.destroy(), postgres.server.destroy()]);
    };
    return { postgres: postgres.server, redis: redis.server, stop };
  }
  await redis.server.destroy();
  if (process.env.CI === "true")
    throw new Error(`The replica tests cannot be skipped in CI (CI=true): ${postgres.skipped}`);
  console.warn(`\n*** Replica tests SKIPPED: ${postgres.skipped} ***\n`);
  return undefined;
}

export interface Cluster {
  replicas: BotProcess[];
  proxy: RoundRobin;
  api: FakeSlackApi;
  /** The Request URL Slack is given: the proxy's. */
  url: string;
  /** A signed POST through the proxy. */
  send(body: string, options?: SignOptions): Promise<HttpAnswer>;
  /** A slash command's form body (in #general unless `channel`), and where its answers go. */
  command(
    command: string,
    text: string,
    user: string,
    channel?: string,
  ): { body: string; responseUrl: string };
  /** Resolves with the text of the first answer at `responseUrl` that matches `final`. */
  answerAt(responseUrl: string, final: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** The fake Slack, the replicas, then the proxy in front of them. */
export async function startCluster(
  servers: Engines,
  options: { env?: Record<string, string>; channels?: string[] } = {},
): Promise<Cluster> {
  const env = {
    DATABASE_URL: await servers.postgres.freshDatabase(),
    REDIS_URL: servers.redis.url,
    // A killed replica's post lock is gone a second after its last renewal.
    REDIS_LOCK_SECONDS: "1",
    SLACK_MODERATOR_IDS: MODERATOR,
    ...options.env,
  };
  const channels = Object.fromEntries(
    ["C0GENERAL", ...(options.channels ?? [])].map((id) => [id, { name: id.slice(2).toLowerCase() }]),
  );
  const fake = await startFakeSlack({ channels });
  // All at once: replicas starting together apply each migration once (an advisory lock).
  const starting = Array.from({ length: REPLICAS }, () => startBotProcess("http", { env, using: fake }));
  const started = await Promise.allSettled(starting);
  const replicas = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    for (const r of replicas) await r.close();
    await fake.close();
    throw failed.reason;
  }
  const origins = replicas.map((r) => new URL(r.url ?? "").origin);
  const proxy = await startRoundRobin(origins);
  const api = fake.api;
  const url = `${proxy.origin}${new URL(replicas[0]?.url ?? "").pathname}`;
  return {
    replicas,
    proxy,
    api,
    url,
    send: (body, sign) => postSigned(url, PROCESS_SECRET, body, sign),
    command(command, text, user, channel = "C0GENERAL") {
      const payload = slashCommandPayload({ command, text, user_id: user, channel_id: channel }, api);
      return { body: new URLSearchParams(payload).toString(), responseUrl: payload.response_url ?? "" };
    },
    async answerAt(responseUrl, final, timeoutMs = 15_000) {
      const said = await api.waitFor(
        (c) => c.responseUrl === responseUrl && final.test(visibleText(c.params)),
        timeoutMs,
      );
      return visibleText(said.params);
    },
    async close() {
      await proxy.close();
      await Promise.all(replicas.map((r) => r.close()));
      await fake.close();
    },
  };
}

/** Which replica's log lines match `msg`, one count per replica. */
export const logged = (cluster: Cluster, msg: RegExp): number[] =>
  cluster.replicas.map((r) => r.bot.logs.filter((l) => msg.test(String(l.msg))).length);

/** Polls `probe` every 20 ms until it holds; throws after `ms`. */
export async function until(probe: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
