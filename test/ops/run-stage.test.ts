/**
 * The image's run stage without Docker: its ENTRYPOINT and CMD exactly as the Dockerfile writes
 * them (tini, then `node dist/src/main.js`), as a non-root user when the tests run as root, with
 * compose.yaml's environment for the bot (its DATABASE_URL and REDIS_URL pointed at a real Postgres
 * and a real redis-server the test starts, on 127.0.0.1) and a Slack app in HTTP mode against the
 * local fake. The image's own HEALTHCHECK command passes, every package the bot loads is one
 * `npm ci --omit=dev` installs, and SIGTERM sent to tini alone reaches the bot, which drains and
 * exits 0. Skipped with a clear line when tini, Postgres or redis-server is
 * missing; under CI=true that fails instead.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres } from "../state/postgres-server.js";
import { startRedis } from "../support/redis-server.js";
import { type BotProcess, startBotProcess } from "../support/slack-process.js";
import { composeWith, ENGINE_PASSWORDS } from "./compose-file.js";
import { runStage } from "./dockerfile.js";

const stage = runStage();
const [init] = stage.entrypoint;
const NOBODY = 65534;
const root = userInfo().uid === 0;

function skipOrFail(why: string): string {
  if (process.env.CI === "true")
    throw new Error(`The run-stage test cannot be skipped in CI (CI=true): ${why}`);
  console.warn(`\n*** Run-stage test SKIPPED: ${why} ***\n`);
  return why;
}

const pg = await startPostgres();
const redis = await startRedis();
const skipped =
  init === undefined || !existsSync(init)
    ? skipOrFail(`${init ?? "the ENTRYPOINT"} is missing (apt-get install tini)`)
    : "skipped" in pg
      ? skipOrFail(pg.skipped)
      : "skipped" in redis
        ? redis.skipped
        : undefined;

/** The user a process runs as, from /proc. */
const uidOf = (pid: number) =>
  Number(/^Uid:\s+(\d+)/mu.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/u).filter(Boolean).map(Number);
const nameOf = (pid: number) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();

/** package-lock.json's packages: `dev: true` marks those `npm ci --omit=dev` leaves out. */
const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, { dev?: boolean }>;
};
/** The lockfile key of the package a resolved file URL is in (node_modules/a/node_modules/@b/c). */
const packageOf = (url: string) =>
  /\/(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\//u.exec(url)?.[1];

describe.skipIf(skipped !== undefined)("the run stage's command, as the image runs it", () => {
  let bot: BotProcess;
  let port = 0;
  // Every module the bot resolves (test/support/trace-imports.mjs), in a file the bot's user can write.
  const traceDir = mkdtempSync(join(tmpdir(), "run-stage-"));
  chmodSync(traceDir, 0o777);
  const traceFile = join(traceDir, "imports.txt");
  const tracer = fileURLToPath(new URL("../support/trace-imports.mjs", import.meta.url));
  const healthcheck = (env: Record<string, string>) => {
    const [command = "", ...args] = stage.healthcheck;
    return spawnSync(command, args, { env: { PATH: process.env.PATH, ...env }, timeout: 10_000 }).status;
  };

  beforeAll(async () => {
    const database = "server" in pg ? await pg.server.freshDatabase() : "";
    const env = {
      ...(composeWith(ENGINE_PASSWORDS).services.bot?.environment ?? {}),
      DATABASE_URL: database,
      REDIS_URL: "server" in redis ? redis.server.url : "",
      PORT: "0",
      HOST: "127.0.0.1",
      // Not PID 1 here: tini registers as a subreaper instead, as it would reap as PID 1.
      TINI_SUBREAPER: "1",
      NODE_OPTIONS: `--import=${tracer}`,
      TRACE_IMPORTS_FILE: traceFile,
    };
    const asUser = root ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups"] : [];
    const [command = "", ...args] = [...asUser, ...stage.entrypoint, ...stage.cmd];
    bot = await startBotProcess("http", { env, command: [command, args] });
    port = Number(new URL(bot.url ?? "").port);
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    if ("server" in pg) await pg.server.destroy();
    if ("server" in redis) await redis.server.destroy();
    rmSync(traceDir, { recursive: true, force: true });
  });

  it("runs tini with the bot as its child, both as a non-root user, on Postgres and Redis", () => {
    const pid = bot.bot.child.pid ?? 0;
    expect(nameOf(pid)).toBe("tini");
    const [node] = childrenOf(pid);
    expect(nameOf(node ?? 0)).toBe("node");
    if (root) expect([uidOf(pid), uidOf(node ?? 0)]).toEqual([NOBODY, NOBODY]);
    else expect(uidOf(node ?? 0)).not.toBe(0);
    expect(bot.bot.logs.some((l) => l.msg === "shared state in Redis (REDIS_URL)")).toBe(true);
  });

  it("passes the image's HEALTHCHECK command, which fails where nothing answers", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, adapters: { slack: { state: "ready" } } });
    expect(healthcheck({ PORT: String(port) })).toBe(0);
    expect(healthcheck({ PORT: "1" })).toBe(1);
  });

  it("loads only packages that `npm ci --omit=dev` installs (pg, ioredis, Bolt …, no dev dependency)", () => {
    const loaded = new Set(
      readFileSync(traceFile, "utf8")
        .split("\n")
        .map(packageOf)
        .filter((key): key is string => key !== undefined),
    );
    for (const key of ["node_modules/pg", "node_modules/ioredis", "node_modules/@slack/bolt"])
      expect(loaded, key).toContain(key);
    for (const key of loaded) expect(lock.packages[key], key).toBeDefined();
    expect([...loaded].filter((key) => lock.packages[key]?.dev)).toEqual([]);
  });

  it("stops on SIGTERM sent to tini alone: the bot drains and the container would exit 0", async () => {
    const { child } = bot.bot;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code, signal] = await exited;
    expect([code, signal]).toEqual([0, null]);
    expect(bot.bot.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(["stopping", "stopped"]));
  });
});
