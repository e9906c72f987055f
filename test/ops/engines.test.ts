/**
 * compose.yaml's engines, run with the same programs the images run, on 127.0.0.1: Redis started
 * with the redis service's own command line (Debian's redis-server 7) answers its health check
 * only with the password, which is the one in the bot's REDIS_URL (connected to with ioredis, as
 * the bot does); the postgres service's pg_isready check tells a running server (the embedded
 * Postgres the state tests use) from a missing one. Only the address is added to each command.
 * Skipped with a clear line where a program is missing, failing instead under CI=true.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type PostgresServer, startPostgres } from "../state/postgres-server.js";
import { composeWith, ENGINE_PASSWORDS } from "./compose-file.js";

const compose = composeWith(ENGINE_PASSWORDS);
const { redis, postgres, bot } = compose.services;

function missing(program: string, hint: string): string | undefined {
  if (spawnSync(program, ["--version"], { stdio: "ignore" }).status === 0) return undefined;
  const why = `${program} is not installed (${hint})`;
  if (process.env.CI === "true")
    throw new Error(`The engine tests cannot be skipped in CI (CI=true): ${why}`);
  console.warn(`\n*** compose engine test SKIPPED: ${why} ***\n`);
  return why;
}

describe.skipIf(missing("redis-server", "apt-get install redis-server") !== undefined)(
  "the redis service's command line",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "compose-redis-"));
    let server: ChildProcess;
    let port = 0;
    // The health check's shell command, pointed at this server's port.
    const healthcheck = (auth: string) =>
      spawnSync(
        "sh",
        ["-c", (redis?.healthcheck?.test[1] ?? "").replace("redis-cli", `redis-cli -p ${port}`)],
        {
          env: { PATH: process.env.PATH, REDISCLI_AUTH: auth },
          timeout: 10_000,
        },
      ).status;

    beforeAll(async () => {
      port = await freePort();
      const [program = "", ...args] = redis?.command ?? [];
      server = spawn(program, [...args, "--port", String(port), "--bind", "127.0.0.1", "--dir", dir]);
      await new Promise<void>((resolve, reject) => {
        let out = "";
        server.stdout?.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("Ready to accept connections")) resolve();
        });
        server.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-300)}`)));
      });
    });
    afterAll(() => {
      server?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    });

    it("is healthy only with the password, and the bot's REDIS_URL carries that password", async () => {
      expect(redis?.healthcheck?.test[0]).toBe("CMD-SHELL");
      expect(healthcheck(redis?.environment?.REDISCLI_AUTH ?? "")).toBe(0);
      expect(healthcheck("not-the-password")).toBe(1);
      const url = new URL(bot?.environment?.REDIS_URL ?? "");
      url.hostname = "127.0.0.1";
      url.port = String(port);
      const client = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await client.connect();
        expect(await client.ping()).toBe("PONG");
        // Nothing is kept on disk: the state is short-lived by design.
        expect(await client.config("GET", "save")).toEqual(["save", ""]);
        expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "no"]);
      } finally {
        client.disconnect();
      }
    });
  },
);

const pgStarted =
  missing("pg_isready", "apt-get install postgresql-client") === undefined
    ? await startPostgres()
    : undefined;
const pgServer: PostgresServer | undefined =
  pgStarted && "server" in pgStarted ? pgStarted.server : undefined;
if (pgStarted && "skipped" in pgStarted) {
  if (process.env.CI === "true")
    throw new Error(`Postgres cannot be skipped in CI (CI=true): ${pgStarted.skipped}`);
  console.warn(`\n*** compose engine test SKIPPED: ${pgStarted.skipped} ***\n`);
}

describe.skipIf(pgServer === undefined)("the postgres service's health check", () => {
  afterAll(() => pgServer?.destroy());

  it("passes against a running server and fails where none answers", async () => {
    const [kind, program = "", ...args] = postgres?.healthcheck?.test ?? [];
    expect(kind).toBe("CMD");
    const check = (port: string) => spawnSync(program, [...args, "-p", port], { timeout: 10_000 }).status;
    const running = new URL(await (pgServer as PostgresServer).freshDatabase()).port;
    expect(check(running)).toBe(0);
    expect(check(String(await freePort()))).not.toBe(0);
  });
});
