import { afterEach, describe, expect, it } from "vitest";
import { MEMBER, startFakeSlack, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { runBot } from "../support/process.js";
import { type BotProcess, PROCESS_SECRET as SECRET, startBotProcess } from "../support/slack-process.js";

/** The real process in HTTP mode, configured only by its environment, against the fake Slack. */
let running: BotProcess | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("the bot as a real process in Slack HTTP mode", () => {
  it("starts from its environment, answers signed commands, posts a thread, and stops on SIGTERM", async () => {
    running = await startBotProcess("http");
    const { bot, fake, slack } = running;

    const summary = await slack.command("/summary full");
    expect(summary.status).toBe(200);
    expect(summary.ack?.response_type).toBe("in_channel");
    expect(visibleBlocks(summary.ack ?? {})[0]).toBe(`Summary: ${article.title}`);

    const refused = await slack.command("/article", { text: "post", ...MEMBER });
    expect(visibleText(refused.ack ?? {})).toContain("Only moderators can run /article post");

    // Paced at the default one message a second: parent and two replies.
    const post = await slack.command("/article", { text: "post confirm:false", user_id: "U0MOD" });
    await fake.api.waitFor(
      (c) => c.responseUrl === post.responseUrl && visibleText(c.params).startsWith("Posted "),
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
    running = await startBotProcess("http", { command: ["npm", ["start"]] });
    const answer = await running.slack.command("/quote grants private");
    expect(answer.ack?.response_type).toBe("ephemeral");
    // npm itself dies of the signal it passes on; the bot under it stops cleanly and says so.
    await running.bot.stop("SIGTERM");
    expect(running.bot.logs.some((l) => l.msg === "stopped")).toBe(true);
  }, 60_000);

  it("stops with one clear line when Slack rejects the bot token", async () => {
    const fake = await startFakeSlack();
    try {
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
    } finally {
      await fake.close();
    }
  });
});
