import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CommandSender,
  type FakeSlack,
  postSigned,
  slashCommandPayload,
  visibleText,
} from "../fakes/slack/index.js";
import { type BotProcess, PROCESS_SECRET, startBotProcess } from "../support/slack-process.js";

/**
 * No token and no signing secret in any log line, at the most verbose level, whatever happens:
 * every command, every fault the fakes can inject, in both modes, on the real process.
 */
let running: BotProcess | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const MODERATOR = { user_id: "U0MOD", user_name: "mod" };
const ADMIN = { user_id: "U0ADMIN", user_name: "admin" };
const CHANNELS = {
  C0GENERAL: { name: "general" },
  C0QUIET: { name: "quiet", botIsMember: false },
  C0RATE: { name: "rate" },
  C0FIVE: { name: "five" },
  C0WAIT: { name: "wait" },
};
const env = { LOG_LEVEL: "trace", COOLDOWN_COMMANDS: "0" };

const COMMANDS = [
  "/summary",
  "/summary full private",
  "/quote",
  "/quote grants",
  "/quote claw back private",
  "/quote pizza",
  "/penalties",
  "/penalties private",
  "/help",
  "/summary everything",
  "/nope",
];

async function everyCommand(slack: CommandSender): Promise<void> {
  for (const line of COMMANDS) expect((await slack.command(line)).ack).toBeDefined();
  await slack.command("/article", { text: "post" }); // a member: refused
}

/** Waits for the moderator's last note about a thread post. */
const finished = (fake: FakeSlack, responseUrl: string) =>
  fake.api.waitFor(
    (c) =>
      (c.responseUrl === responseUrl || c.method === "chat.postEphemeral") &&
      /^(Posted |Everything is already|Stopped |Could not |The bot is restarting)/u.test(
        visibleText(c.params),
      ),
    15_000,
  );

async function everyApiFault(fake: FakeSlack, slack: CommandSender): Promise<void> {
  const { api } = fake;
  const on = (channel: string) => (p: Record<string, unknown>) => p.channel === channel;
  api.failNext("chat.postMessage", { error: "rate_limited" }, { when: on("C0RATE") });
  api.failNext("chat.postMessage", { status: 500 }, { when: on("C0FIVE") });
  api.failNext(
    "chat.postMessage",
    { status: 429, retryAfter: 0 },
    { when: (p) => on("C0WAIT")(p) && p.thread_ts !== undefined },
  );
  // Two notes find the response_url refused and go through chat.postEphemeral instead.
  api.failNext("response_url", { status: 404 }, { times: 2 });
  // Each channel is paced on its own, so the posts run side by side.
  const posts = await Promise.all(
    [
      "post confirm:false",
      "post confirm:false <#C0QUIET|quiet>",
      "post confirm:false #nowhere",
      "post confirm:false <#C0RATE|rate>",
      "post confirm:false <#C0FIVE|five>",
      "post confirm:false <#C0WAIT|wait>",
    ].map((text) => slack.command("/article", { text, ...MODERATOR })),
  );
  await Promise.all(posts.map((p) => finished(fake, p.responseUrl)));

  // Slack cannot say whether an admin is one.
  api.failNext("users.info", { status: 500 });
  await slack.command("/article", { text: "post confirm:false", ...ADMIN });
  // Every injected fault did happen.
  const faults = api.calls
    .filter((c) => c.fault)
    .map((c) => `${c.method} ${c.fault?.error ?? c.fault?.status}`);
  expect(faults.sort()).toEqual([
    "chat.postMessage 429",
    "chat.postMessage 500",
    "chat.postMessage rate_limited",
    "response_url 404",
    "response_url 404",
    "users.info 500",
  ]);
}

function expectNoSecrets(bot: BotProcess["bot"], stdout: string, secrets: string[]): void {
  const stderr = bot.stderr();
  // Verbose indeed: the libraries' request and response traces are all in there.
  expect(bot.logs.filter((l) => l.component === "bolt").length).toBeGreaterThan(40);
  for (const secret of secrets) {
    expect(stderr).not.toContain(secret);
    expect(stdout).not.toContain(secret);
  }
}

describe("secrets never reach the log", () => {
  it("Socket Mode with all three set: every command, every Web API and connection fault", async () => {
    running = await startBotProcess("socket", {
      env: { ...env, SLACK_SIGNING_SECRET: PROCESS_SECRET },
      fake: { channels: CHANNELS, users: { [ADMIN.user_id]: { is_admin: true } } },
    });
    const { bot, fake, slack } = running;
    const socket = fake.socket;
    if (!socket) throw new Error("no Socket Mode fake");
    await everyCommand(slack);
    await everyApiFault(fake, slack);
    let connections = socket.connections;
    for (const reason of ["refresh_requested", "warning", "link_disabled"]) {
      socket.disconnect(reason);
      await socket.connected(++connections);
    }
    socket.drop();
    await socket.connected(++connections);
    await slack.command("/quote grants");
    await sleep(100);

    // The tokens did travel: to the Web API and to apps.connections.open.
    expect(fake.api.calls.some((c) => c.token === fake.api.botToken)).toBe(true);
    expect(fake.api.callsTo("apps.connections.open").every((c) => c.token === fake.api.appToken)).toBe(true);
    const finished = await bot.stop("SIGTERM");
    expect(finished.code).toBe(0);
    expectNoSecrets(bot, finished.stdout, [fake.api.botToken, fake.api.appToken, PROCESS_SECRET]);
  }, 60_000);

  it("HTTP mode: every command, and requests signed wrongly, not at all, or too long ago", async () => {
    running = await startBotProcess("http", { env, fake: { channels: CHANNELS } });
    const { bot, fake, slack, url } = running;
    await everyCommand(slack);
    const body = new URLSearchParams(slashCommandPayload({ command: "/help" }, fake.api)).toString();
    const now = Math.floor(Date.now() / 1000);
    for (const options of [{ unsigned: true }, { signature: "v0=00" }, { timestamp: now - 600 }])
      expect((await postSigned(url ?? "", PROCESS_SECRET, body, options)).status).toBe(401);
    await sleep(100);
    const finished = await bot.stop("SIGTERM");
    expect(finished.code).toBe(0);
    expectNoSecrets(bot, finished.stdout, [fake.api.botToken, PROCESS_SECRET]);
  }, 60_000);
});
