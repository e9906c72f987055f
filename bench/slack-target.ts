import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { App, LogLevel } from "@slack/bolt";
import { commands } from "../commands/index.js";
import { slackSecrets, slackSettings } from "../src/adapters/slack/settings.js";
import { start } from "../src/adapters/slack/start.js";
import { loadArticle } from "../src/article/load.js";
import { createBot } from "../src/core/answer.js";
import { createLogger } from "../src/runtime/log.js";
import { testHost } from "../test/support/host.js";

/**
 * A Slack HTTP server for the benchmarks, in a process of its own so the load generator does not
 * share its event loop: `bot` is the adapter as main.ts starts it (cooldown off), `bare` is a Bolt
 * app on the same receiver whose only handler acks a constant: a string, or a JSON object given
 * as JSON (Bolt serialises it on every ack, as it does the bot's answer). Both are loaded the same
 * way (node --import tsx). Prints {"port"} once listening; answers "gc" on stdin with the heap in use after a full GC.
 *
 *   node --import tsx bench/slack-target.ts bot <fake Slack API URL> <bot token> <signing secret>
 *   node --import tsx bench/slack-target.ts bare <fake Slack API URL> <bot token> <signing secret> <answer>
 */
async function main(): Promise<void> {
  const [kind, apiUrl = "", token = "", secret = "", answer = ""] = process.argv.slice(2);
  let port: number;
  if (kind === "bot") {
    const env = { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: secret, PORT: "0", SLACK_API_URL: apiUrl };
    const config = slackSettings(env);
    if (!config) throw new Error("Slack is not configured");
    // Warnings only, so the bench's output stays readable; the bot logs nothing per command anyway.
    const log = createLogger({ level: "warn", format: "json", secrets: slackSecrets(config) });
    const adapter = await start(createBot({ article: loadArticle(), commands, log }), config, testHost());
    port = Number(new URL(adapter.url ?? "").port);
  } else {
    // The bot's identity given, as the adapter gives its App: no auth.test at all.
    const app = new App({
      token,
      signingSecret: secret,
      botId: "BBENCH",
      botUserId: "UBENCH",
      logLevel: LogLevel.WARN,
      clientOptions: { slackApiUrl: apiUrl },
    });
    const constant = answer.startsWith("{") ? JSON.parse(answer) : answer;
    app.command(/^\/.+/u, async ({ ack }) => {
      await ack(constant);
    });
    const server = await app.start(0);
    port = (server.address() as AddressInfo).port;
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "gc") {
      (globalThis as { gc?: () => void }).gc?.();
      process.stdout.write(`${JSON.stringify({ heapUsed: process.memoryUsage().heapUsed })}\n`);
    }
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`slack-target: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
