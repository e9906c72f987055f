import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { start } from "../../src/adapters/slack/start.js";
import { createBot } from "../../src/core/answer.js";
import { MEMBER, startFakeSlack, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article, commands } from "../support/article.js";
import { testHost } from "../support/host.js";
import { type Harness, MODERATOR, startHarness } from "../support/slack-harness.js";

/** Socket Mode: the real Bolt Socket Mode receiver against a local ws server playing Slack. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness("socket");
});
afterAll(() => h.close());

describe("Socket Mode", () => {
  it("opens the connection through apps.connections.open on SLACK_API_URL, with the app token", async () => {
    const opens = h.fake.api.callsTo("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(h.fake.api.appToken);
    expect(h.fake.socket?.open).toBe(1);
    expect(h.adapter.url).toBeUndefined();
  });

  it("acks a slash_commands envelope with the answer itself", async () => {
    const { ack } = await h.slack.command("/quote grants");
    expect(ack?.response_type).toBe("in_channel");
    const q = article.quotes[2];
    expect(visibleBlocks(ack ?? {})).toContain(article.text.slice(q?.start, q?.end));
    expect(h.fake.socket?.acks.at(-1)?.payload).toEqual(ack);
  });

  it("answers privately with private, and refuses a member /article post", async () => {
    expect((await h.slack.command("/penalties private")).ack?.response_type).toBe("ephemeral");
    const refused = await h.slack.command("/article", { text: "post", ...MEMBER });
    expect(visibleText(refused.ack ?? {})).toContain("Only moderators can run /article post");
    expect(h.fake.api.callsTo("chat.postMessage")).toEqual([]);
  });

  it("posts the article thread for a moderator, with notes through response_url", async () => {
    const answer = await h.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    expect(visibleText(answer.ack ?? {})).toContain("Posting “");
    const done = await h.fake.api.waitFor(
      (c) => c.responseUrl === answer.responseUrl && visibleText(c.params).startsWith("Posted "),
    );
    expect(done.method).toBe("response_url");
    expect(h.fake.api.messages).toHaveLength(3);
    expect(h.fake.api.problems).toEqual([]);
  });
});

describe("Socket Mode start-up", () => {
  it("stops with a clear message when Slack refuses the app token", async () => {
    const fake = await startFakeSlack({ socketMode: true });
    try {
      const config = slackSettings({
        SLACK_BOT_TOKEN: fake.api.botToken,
        SLACK_APP_TOKEN: "xapp-1-wrong",
        SLACK_API_URL: fake.api.url,
      });
      if (!config) throw new Error("no config");
      const bot = createBot({ article, commands, log: pino({ level: "silent" }) });
      await expect(start(bot, config, testHost(), { retryConfig: { retries: 0 } })).rejects.toThrow(
        /^Configuration error: Slack refused the Socket Mode connection: Slack rejected the token \(invalid_auth\)\. Check SLACK_APP_TOKEN/u,
      );
    } finally {
      await fake.close();
    }
  });
});
