import { createServer, type Server } from "node:net";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { start } from "../../src/adapters/slack/start.js";
import { createBot } from "../../src/core/answer.js";
import { startFakeSlack } from "../fakes/slack/index.js";
import { article, commands } from "../support/article.js";
import { testHost } from "../support/host.js";

/**
 * Start-up with the adapter's own retry policy (not the tests' none): a network failure is one
 * line saying Slack could not be reached, after one attempt, and never a rejected token.
 */
const bot = () => createBot({ article, commands, log: pino({ level: "silent" }) });

const settings = (apiUrl: string, botToken = "xoxb-0000-fake-bot-token") => {
  const config = slackSettings({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: "fake-signing-secret-0123456789abcdef",
    PORT: "0",
    SLACK_API_URL: apiUrl,
  });
  if (!config) throw new Error("no config");
  return config;
};

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );

describe("Slack start-up failures", () => {
  it("a connection cut off: tried once, reported as a network problem", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const port = await listen(server);
    try {
      const error = await start(bot(), settings(`http://127.0.0.1:${port}/api/`), testHost()).catch(
        (e: unknown) => e as Error,
      );
      expect((error as Error).message).toMatch(
        /^Configuration error: Could not reach Slack at http:\/\/127\.0\.0\.1:\d+\/api\/ \(fetch failed: [A-Z_]+\); the token was not checked\. Check the network and SLACK_API_URL\.$/u,
      );
      expect(String(error)).not.toContain("not accepted");
      expect(connections).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a refused connection: the same one line", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    await expect(start(bot(), settings(`http://127.0.0.1:${port}/api/`), testHost())).rejects.toThrow(
      /^Configuration error: Could not reach Slack at .* \(fetch failed: ECONNREFUSED\); the token was not checked/u,
    );
  });

  it("a token Slack rejects: said to be the token", async () => {
    const fake = await startFakeSlack();
    try {
      await expect(start(bot(), settings(fake.api.url, "xoxb-wrong"), testHost())).rejects.toThrow(
        /^Configuration error: SLACK_BOT_TOKEN was not accepted by Slack .*\(invalid_auth\)/u,
      );
      expect(fake.api.callsTo("auth.test")).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
