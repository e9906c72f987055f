import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.js";
import { cleanEnv, runProcess } from "../support/process.js";

/**
 * Start-up failures on Discord as an operator meets them: the real process exits 1 with one line
 * that says whether the network, the token, the intents or Discord itself is the problem, and what
 * to do; never a stack trace, never the token.
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake?.close());

const start = (extra: Record<string, string> = {}) =>
  runProcess(process.execPath, ["dist/src/main.js"], "", {
    env: cleanEnv({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.state.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      ...extra,
    }),
    timeoutMs: 30_000,
  });

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The one line for people; JSON log lines may come before it (each retried 5xx is a warning), but
 * no stack trace anywhere, in a log line or not.
 */
function oneClearLine(run: { code: number | null; stderr: string }): string {
  expect(run.code).toBe(1);
  const lines = run.stderr
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith('{"level"'));
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |"stack"/u);
  expect(run.stderr).not.toContain(fake.token);
  return lines[0] ?? "";
}

describe("when the bot cannot start on Discord", () => {
  it("Discord unreachable (connection refused): a network problem", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const line = oneClearLine(await start({ DISCORD_API_URL: url }));
    expect(line).toBe(
      `Configuration error: Could not reach Discord at ${url} (connection refused, ECONNREFUSED). Check the machine's network, proxy and firewall, and DISCORD_API_URL if you set it.`,
    );
  });

  it("a 500 from GET /gateway/bot: Discord's side", async () => {
    fake.failNext({
      route: "GET /gateway/bot",
      status: 500,
      body: { message: "500: Internal Server Error", code: 0 },
      times: 10,
    });
    const line = oneClearLine(await start());
    fake.clearFaults();
    expect(line).toBe(
      "Configuration error: Discord had a server error (HTTP 500) when the bot asked where to connect. That is on Discord's side: try again in a few minutes, and see https://discordstatus.com.",
    );
  });

  it("the gateway closes with 4004: the token", async () => {
    fake.gateway.refuseIdentify = { code: 4004, reason: "Authentication failed." };
    const line = oneClearLine(await start());
    expect(line).toMatch(
      /^Configuration error: DISCORD_TOKEN was rejected by Discord's gateway \(close code 4004: authentication failed\)\. Reset it in the Developer Portal/u,
    );
  });

  it("the gateway closes with 4014: the intents, and where to look", async () => {
    fake.gateway.refuseIdentify = { code: 4014, reason: "Disallowed intent(s)." };
    const line = oneClearLine(await start());
    fake.gateway.refuseIdentify = undefined;
    expect(line).toMatch(
      /^Configuration error: Discord refused the bot's gateway intents \(close code 4014\)/u,
    );
    expect(line).toContain("Guilds");
    expect(line).toContain("Developer Portal → your app → Bot → Privileged Gateway Intents");
  });
});
