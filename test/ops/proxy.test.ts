/**
 * The load balancer in compose.yaml: Caddy's config (inline in the file) is mounted where the
 * caddy image reads it, sends requests to every replica of the bot service on the bot's PORT, and
 * is a configuration Caddy itself accepts (`caddy validate`, Debian's caddy package; skipped with a
 * clear line where it is missing, failing instead under CI=true).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
      throw new Error(`The Caddy test cannot be skipped in CI (CI=true): ${why}`);
    console.warn(`\n*** Caddyfile validation SKIPPED: ${why} ***\n`);
    return why;
  }
}

describe("the proxy in front of the replicas", () => {
  const dir = mkdtempSync(join(tmpdir(), "caddy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const validate = (text: string) => {
    const file = join(dir, "Caddyfile");
    writeFileSync(file, text);
    return spawnSync("caddy", ["validate", "--adapter", "caddyfile", "--config", file], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
  };

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

  it.skipIf(caddyMissing() !== undefined)(
    "is a configuration Caddy accepts, and Caddy refuses a broken one",
    () => {
      const good = validate(caddyfile);
      expect(good.status, good.stderr).toBe(0);
      const broken = validate(caddyfile.replace("name bot", "nmae bot"));
      expect(broken.status).not.toBe(0);
    },
  );
});
