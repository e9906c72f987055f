/**
 * The load balancer in compose.yaml: Caddy's config (inline in the file) is mounted where the
 * caddy image reads it and names every replica of the bot service on the bot's PORT; Caddy itself
 * accepts it (`caddy validate`), and run for real (Debian's caddy, on 127.0.0.1, the upstream
 * name and ports swapped for a local server's) it passes what Slack and Discord call and nothing
 * else. Skipped with a clear line where caddy is missing, failing instead under CI=true.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../state/postgres-server.js";
import { composeWith, ENGINE_PASSWORDS } from "./compose-file.js";

const compose = composeWith(ENGINE_PASSWORDS);
const proxy = compose.services.proxy;
const mounted = proxy?.configs?.find((c) => c.target === "/etc/caddy/Caddyfile");
const caddyfile = compose.configs?.[mounted?.source ?? ""]?.content ?? "";

function caddyMissing(): string | undefined {
  try {
    execFileSync("caddy", ["version"], { stdio: "ignore" });
    return undefined;
  } catch {
    const why = "caddy is not installed (apt-get install caddy)";
    if (process.env.CI === "true")
      throw new Error(`The Caddy tests cannot be skipped in CI (CI=true): ${why}`);
    console.warn(`\n*** Caddy tests SKIPPED: ${why} ***\n`);
    return why;
  }
}
const missing = caddyMissing();

const dir = mkdtempSync(join(tmpdir(), "caddy-"));
// Caddy keeps its data and config under HOME/XDG: a folder of the test's own.
const caddyEnv = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCaddyfile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("the proxy in front of the replicas", () => {
  it("is the caddy image, reading a Caddyfile that balances over every bot replica on its PORT", () => {
    expect(proxy?.image).toMatch(/^caddy:2(\.|-|$)/u);
    expect(proxy?.depends_on).toEqual({ bot: { condition: "service_healthy" } });
    expect(proxy?.ports).toEqual(["8080:8080"]);
    expect(caddyfile).toMatch(/^:8080 \{/mu);
    // `dynamic a`: Docker's DNS answers one address per replica, so scaling needs no change here.
    const upstream = /dynamic a \{\s*name (\S+)\s*port (\d+)/u.exec(caddyfile);
    expect(upstream?.slice(1)).toEqual(["bot", compose.services.bot?.environment?.PORT]);
    // The bot publishes nothing itself: every request comes through the proxy.
    expect(compose.services.bot?.ports).toBeUndefined();
  });

  it.skipIf(missing !== undefined)("is a configuration Caddy accepts, and Caddy refuses a broken one", () => {
    const validate = (text: string) =>
      spawnSync("caddy", ["validate", "--adapter", "caddyfile", "--config", writeCaddyfile("check", text)], {
        encoding: "utf8",
        env: caddyEnv,
      });
    const good = validate(caddyfile);
    expect(good.status, good.stderr).toBe(0);
    expect(validate(caddyfile.replace("name bot", "nmae bot")).status).not.toBe(0);
  });
});

describe.skipIf(missing !== undefined)("the proxy, run", () => {
  let upstream: Server;
  let caddy: ChildProcess;
  let base = "";
  const reached: string[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      res.end("from the bot");
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const port = await freePort();
    // Only the addresses change: the upstream is this server, and Caddy listens on 127.0.0.1.
    const local = caddyfile
      .replace(":8080 {", `:${port} {\n  bind 127.0.0.1`)
      .replace("name bot", "name 127.0.0.1")
      .replace(/port 3000\b/u, `port ${(upstream.address() as AddressInfo).port}`);
    const file = writeCaddyfile("Caddyfile", local);
    caddy = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", file], {
      env: caddyEnv,
      stdio: "ignore",
    });
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`${base}/`).then(
          () => true,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("caddy did not start listening");
  });
  afterAll(async () => {
    caddy?.kill("SIGKILL");
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it("passes Slack's and Discord's paths to the bot, and answers 404 itself for anything else", async () => {
    const call = async (method: string, path: string) => {
      const response = await fetch(`${base}${path}`, {
        method,
        ...(method === "POST" ? { body: "x=1" } : {}),
      });
      return [response.status, await response.text()];
    };
    expect(await call("POST", "/slack/events")).toEqual([200, "from the bot"]);
    expect(await call("GET", "/slack/install")).toEqual([200, "from the bot"]);
    expect(await call("POST", "/discord/interactions")).toEqual([200, "from the bot"]);
    for (const path of ["/healthz", "/metrics", "/", "/slackevents"])
      expect(await call("GET", path), path).toEqual([404, "Not found"]);
    expect(reached).toEqual(["POST /slack/events", "GET /slack/install", "POST /discord/interactions"]);
  });
});
