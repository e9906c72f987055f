/**
 * The compiled bot in HTTP interactions mode, run as operators run it (`node dist/src/main.js`):
 * without PORT it stops with one line; with PORT it takes signed interactions on
 * /discord/interactions, answers them in the HTTP response and never opens a gateway connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../fakes/discord/http-delivery.js";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { freePort } from "../state/postgres-server.js";
import { startRegisteredFake } from "../support/discord.js";
import { cleanEnv, runProcess } from "../support/process.js";
import { startProcess } from "../support/running-process.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startRegisteredFake();
});
afterAll(() => fake?.close());

const env = (extra: Record<string, string>) =>
  cleanEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.state.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_FORMAT: "json",
    HOST: "127.0.0.1",
    ...extra,
  });
const NO_PORT = /PORT is missing: DISCORD_PUBLIC_KEY is set/u;

describe("the bot process with DISCORD_PUBLIC_KEY", () => {
  it("stops at start with one line when PORT is unset", async () => {
    const run = await runProcess(process.execPath, ["dist/src/main.js"], "", {
      env: env({ DISCORD_PUBLIC_KEY: "ab".repeat(32) }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(NO_PORT)]);
    expect(fake.gateway.connections).toEqual([]);
  });

  it("answers signed interactions on PORT with no gateway connection", async (ctx) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/discord/interactions`;
    const http = deliverOverHttp(fake, url);
    const bot = startProcess(
      process.execPath,
      ["dist/src/main.js"],
      env({ DISCORD_PUBLIC_KEY: http.publicKey, PORT: String(port) }),
    );
    try {
      const line = await bot.waitForLog((l) => l.msg === "bot started").catch((error: unknown) => error);
      if (line instanceof Error && NO_PORT.test(bot.stderr())) {
        // main.ts gives adapters the HTTP server on PORT once the web change is merged (issue #14).
        if (process.env.CI === "true") throw line;
        console.warn("\n*** skipped: main.ts does not serve PORT to adapters yet (host.web) ***\n");
        return ctx.skip();
      }
      if (line instanceof Error) throw line;
      const r = await fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
      expect(r.response?.type).toBe(4);
      expect(http.answers.find((a) => a.interaction === r.id)?.status).toBe(200);
      expect(fake.requestsTo("POST /interactions/:interaction/:token/callback")).toEqual([]);
      expect(fake.gateway.connections).toEqual([]);
      expect(fake.problems).toEqual([]);
      const stopped = await bot.stop("SIGTERM");
      expect(stopped.code).toBe(0);
    } finally {
      await bot.stop("SIGKILL");
    }
  }, 60_000);
});
