import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The logger writes to fd 2 synchronously, so run it in a child and read its stderr.
const script = `
import { createLogger } from "./src/runtime/log.ts";
const log = createLogger({ level: "info", format: "json", secrets: ["xoxb-secret-token-123", "SIGNING-secret-456"] });
log.info({ token: "xoxb-secret-token-123", nested: { authorization: "Bot abc" } }, "connecting");
log.error({ err: new Error("bad auth for xoxb-secret-token-123") }, "failed with SIGNING-secret-456 in the message");
log.info({ url: "https://x.test/?t=xoxb-secret-token-123" }, "plain");
`;

const jsonLines = (out: string) =>
  out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("log", () => {
  it("writes JSON lines to stderr with no secret in any field or message", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(child.stdout).toBe("");
    const lines = child.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry.msg).toBeTypeOf("string");
      expect(line).not.toContain("xoxb-secret-token-123");
      expect(line).not.toContain("SIGNING-secret-456");
    }
    expect(child.stderr).not.toContain("Bot abc");
    expect(child.stderr).toContain("[redacted]");
  });

  it("makes a lazy logger only when it is first used, and it then logs as pino's own", () => {
    const lazy = `
import { createRequire } from "node:module";
import { createLogger, lazyLogger } from "./src/runtime/log.ts";
let made = 0;
const log = lazyLogger(() => {
  made++;
  return createLogger({ level: "warn", format: "json", secrets: ["xoxb-secret-token-123"] });
});
const pinoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("/node_modules/pino/"));
const report = (at) => process.stdout.write(JSON.stringify({ at, made, pino: pinoLoaded() }) + "\\n");
report("before");
log.child({ component: "shelf" }).warn({ token: "xoxb-secret-token-123" }, "kept");
log.level = "error";
log.warn("dropped");
log.error("shown at " + log.level);
report("after");
`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", lazy], {
      encoding: "utf8",
    });
    expect(jsonLines(child.stdout)).toEqual([
      { at: "before", made: 0, pino: false },
      { at: "after", made: 1, pino: true },
    ]);
    expect(jsonLines(child.stderr).map((l) => [l.msg, l.component])).toEqual([
      ["kept", "shelf"],
      ["shown at error", undefined],
    ]);
    expect(child.stderr).not.toContain("xoxb-secret-token-123");
  });
});
