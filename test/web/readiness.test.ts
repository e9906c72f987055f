/**
 * GET /healthz with real engines, through the servers main.ts starts (runtime/serve.ts): a real
 * Postgres stopped makes it 503 naming the database, a real redis-server stopped makes it 503
 * naming Redis, and each coming back makes it 200 again; no URL or password is ever in the body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningAdapter } from "../../src/adapters/contract.js";
import { type Servers, startServers } from "../../src/runtime/serve.js";
import { lazyStore } from "../../src/state/lazy.js";
import { lazyRedis } from "../../src/state/redis/client.js";
import { stateSettings } from "../../src/state/settings.js";
import { startPostgres } from "../state/postgres-server.js";
import { keptLog } from "../support/log-lines.js";
import { startRedis } from "../support/redis-server.js";

const postgres = await startPostgres();
const redisServer = await startRedis();
const pg = "server" in postgres ? postgres.server : undefined;
const redis = "server" in redisServer ? redisServer.server : undefined;
if ("skipped" in postgres) {
  if (process.env.CI === "true") throw new Error(`Postgres cannot be skipped in CI: ${postgres.skipped}`);
  console.warn(`\n*** /healthz engine tests SKIPPED: ${postgres.skipped} ***\n`);
}
const suite = pg && redis ? describe : describe.skip;

interface Health {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

suite("GET /healthz with DATABASE_URL and REDIS_URL", () => {
  const { log } = keptLog("silent");
  const adapters: RunningAdapter[] = [
    { name: "slack", stop: async () => {}, health: () => ({ state: "ready" }) },
  ];
  let url = "";
  let databaseUrl = "";
  let servers: Servers | undefined;
  let store: ReturnType<typeof lazyStore> | undefined;
  let shared: ReturnType<typeof lazyRedis> | undefined;

  beforeAll(async () => {
    databaseUrl = (await pg?.freshDatabase()) ?? "";
    store = lazyStore(stateSettings({ DATABASE_URL: databaseUrl }), log);
    await store.get();
    shared = lazyRedis({ url: redis?.url ?? "" }, log, { maxRetryMs: 50 });
    expect(await shared.connected(5_000)).toBe(true);
    servers = await startServers(
      { port: 0, healthPort: undefined, host: "127.0.0.1" },
      { adapters: () => adapters, state: store, redis: shared, log },
    );
    url = `${servers.web?.url}/healthz`;
  });
  afterAll(async () => {
    await servers?.close();
    await shared?.close();
    await store?.close();
    await pg?.destroy();
    await redis?.destroy();
  });

  const health = async (): Promise<Health> => {
    const answer = await fetch(url);
    const text = await answer.text();
    return { status: answer.status, text, body: JSON.parse(text) as Record<string, unknown> };
  };
  /** Polls until /healthz answers `status` (an engine takes a moment to be seen gone or back). */
  const until = async (status: number): Promise<Health> => {
    for (let i = 0; i < 400; i++) {
      const seen = await health();
      if (seen.status === status) return seen;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`GET /healthz never answered ${status}; last: ${(await health()).text}`);
  };
  const secretFree = (h: Health) => {
    for (const secret of [databaseUrl, new URL(databaseUrl).password, "postgres://", "redis://"])
      expect(h.text).not.toContain(secret);
  };

  it("is 200 with both ready, 503 naming the database while Postgres is stopped, 200 once it is back", async () => {
    expect(await health()).toMatchObject({
      status: 200,
      body: {
        ok: true,
        adapters: { slack: { state: "ready" } },
        database: { state: "ready" },
        redis: { state: "ready" },
      },
    });
    await pg?.stop();
    const down = await until(503);
    expect(down.body).toMatchObject({
      ok: false,
      database: { state: "down", detail: expect.stringMatching(/^postgres unreachable \(\S+\)$/u) },
      redis: { state: "ready" },
    });
    secretFree(down);
    await pg?.start();
    expect((await until(200)).body).toMatchObject({ ok: true, database: { state: "ready" } });
  }, 60_000);

  it("is 503 naming Redis while redis-server is stopped, 200 once it is back", async () => {
    await redis?.stop();
    const down = await until(503);
    expect(down.body).toMatchObject({
      ok: false,
      database: { state: "ready" },
      redis: { state: "down", detail: expect.stringMatching(/this process's state meanwhile/u) },
    });
    secretFree(down);
    await redis?.start();
    expect((await until(200)).body).toMatchObject({ ok: true, redis: { state: "ready" } });
  }, 30_000);
});
