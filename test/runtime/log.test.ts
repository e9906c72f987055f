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
});
