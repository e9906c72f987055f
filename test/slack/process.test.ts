import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeSlack,
  httpCommands,
  MEMBER,
  startFakeSlack,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { cleanEnv, runBot } from "../support/process.js";
import { type RunningProcess, startProcess } from "../support/running-process.js";

/** The real process in HTTP mode, configured only by its environment, against the fake Slack. */
const SECRET = "process-signing-secret-0123456789";
let fake: FakeSlack | undefined;
let bot: RunningProcess | undefined;
afterEach(async () => {
  await bot?.stop("SIGKILL");
  await fake?.close();
  bot = undefined;
  fake = undefined;
});

async function startBot(
  command: string,
  args: string[],
): Promise<{ url: string; bot: RunningProcess; fake: FakeSlack }> {
  fake = await startFakeSlack({ channels: { C0GENERAL: { name: "general" } } });
  bot = startProcess(
    command,
    args,
    cleanEnv({
      SLACK_BOT_TOKEN: fake.api.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: fake.api.url,
      SLACK_MODERATOR_IDS: "U0MOD",
      LOG_FORMAT: "json",
    }),
  );
  const ready = await bot.waitForLog((l) => l.msg === "Slack adapter ready", 60_000);
  return { url: String(ready.url), bot, fake };
}

describe("the bot as a real process in Slack HTTP mode", () => {
  it("starts from its environment, answers signed commands, posts a thread, and stops on SIGTERM", async () => {
    const { url, bot, fake } = await startBot(process.execPath, ["dist/src/main.js"]);
    const slack = httpCommands(fake.api, url, SECRET);

    const summary = await slack.command("/summary full");
    expect(summary.status).toBe(200);
    expect(summary.ack?.response_type).toBe("in_channel");
    expect(visibleBlocks(summary.ack ?? {})[0]).toBe(`Summary: ${article.title}`);

    const refused = await slack.command("/article", { text: "post", ...MEMBER });
    expect(visibleText(refused.ack ?? {})).toContain("Only moderators can run /article post");

    // Paced at the default one message a second: parent and two replies.
    const post = await slack.command("/article", { text: "post", user_id: "U0MOD" });
    await fake.api.waitFor(
      (c) => c.responseUrl === post.responseUrl && visibleText(c.params).startsWith("Done"),
      10_000,
    );
    expect(fake.api.messages).toHaveLength(3);
    expect(fake.api.problems).toEqual([]);

    const finished = await bot.stop("SIGTERM");
    expect(finished.code).toBe(0);
    expect(bot.logs.some((l) => l.msg === "stopped")).toBe(true);
    for (const secret of [fake.api.botToken, SECRET]) expect(finished.stderr).not.toContain(secret);
  }, 30_000);

  it("works as the README says: npm start", async () => {
    const { url, bot, fake } = await startBot("npm", ["start"]);
    const answer = await httpCommands(fake.api, url, SECRET).command("/quote grants private");
    expect(answer.ack?.response_type).toBe("ephemeral");
    // npm itself dies of the signal it passes on; the bot under it stops cleanly and says so.
    await bot.stop("SIGTERM");
    expect(bot.logs.some((l) => l.msg === "stopped")).toBe(true);
  }, 60_000);

  it("stops with one clear line when Slack rejects the bot token", async () => {
    fake = await startFakeSlack();
    const run = await runBot("", [], {
      SLACK_BOT_TOKEN: "xoxb-not-the-right-one",
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: fake.api.url,
    });
    expect(run.code).toBe(1);
    expect(
      run.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("{")),
    ).toEqual([
      expect.stringMatching(
        /^Configuration error: SLACK_BOT_TOKEN was not accepted by Slack at http:\/\/127\.0\.0\.1:\d+\/api\/: Slack rejected the token \(invalid_auth\)\. Check the Bot User OAuth Token/u,
      ),
    ]);
    expect(run.stderr).not.toContain("xoxb-not-the-right-one");
  });
});
