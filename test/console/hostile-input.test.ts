import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { capture, cleanEnv, runBot, runProcess } from "../support/process.js";

/** The console as a real process against input that once hurt it: huge lines, terminal escapes, signals. */
describe("the console against hostile input", () => {
  it("answers a 20 MB line with one short error, and goes on", async () => {
    const run = await runBot(`/penalties ${"x".repeat(20_000_000)}\n/help\n`, ["--json"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThan(400);
    expect(lines[0]).toContain("That line is longer than 2,000 characters, so it was not run.");
    expect(JSON.parse(lines[1] ?? "").title).toBe("Commands");
  }, 30_000);

  it("never echoes a control character from the input", async () => {
    const escapes = "\u001b]0;pwned\u0007\u001b[2J\u0000";
    const run = await runBot(
      [
        `/penalties ${escapes}`,
        `/nope${escapes}`,
        `/article post channel:${escapes}`,
        `/quote ${escapes}`,
      ].join("\n"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout.replaceAll("\n", "")).not.toMatch(/\p{Cc}/u);
    expect(run.stdout).toContain("␛]0;pwned␇");
  });

  it("stops gracefully on SIGTERM and SIGINT while waiting for input: exit 0", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const child = spawn(process.execPath, ["dist/src/main.js"], { env: cleanEnv(), stdio: "pipe" });
      const output = capture(child);
      child.stdin.write("/summary\n");
      await new Promise<void>((resolve) => {
        child.stdout.on("data", () => resolve());
      });
      child.kill(signal);
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
      expect(output.stdout).toContain("Summary:");
    }
  });

  it("takes its flags as the usage line shows them, even with npm's -- typed twice", async () => {
    const run = await runBot("/article post\n", ["--json", "--", "--as", "member"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim()).blocks[0].text).toBe(
      "Only moderators can run /article post. Nothing was posted.",
    );
    const help = await runBot("", ["--help"]);
    expect(help.stdout).toMatch(/^Usage: npm start -- \[--json\] \[--as member\]/u);
  });

  it("prints only the bot's answer on stdout for the README's piped example (npm start -s -- --json)", async () => {
    const run = await runProcess("npm", ["start", "-s", "--", "--json"], "/quote grants\n", {
      env: cleanEnv(),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).title).toContain("grants");
  }, 60_000);
});
