import { afterEach, describe, expect, it } from "vitest";
import { visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { type Harness, startHarness } from "../support/slack-harness.js";

/** A member who floods gets a private note, not answers that fill the channel. */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(["http", "socket"] as const)("the per-user cooldown on Slack (%s)", (mode) => {
  it("answers the sixth command in ten seconds with a polite ephemeral note, and nothing in the channel", async () => {
    h = await startHarness(mode, { cooldown: { commands: 5, seconds: 10 } });
    const acks = [];
    for (let i = 0; i < 7; i++) acks.push((await h.slack.command("/summary")).ack ?? {});

    for (const ack of acks.slice(0, 5)) {
      expect(ack.response_type).toBe("in_channel");
      expect(visibleText(ack)).toContain(`Summary: ${article.title}`);
    }
    for (const ack of acks.slice(5)) {
      expect(ack.response_type).toBe("ephemeral");
      expect(visibleText(ack)).toMatch(
        /^You are sending commands faster than 5 every 10 seconds\. Please wait (10|9) seconds and try again\.$/u,
      );
    }
    // Nothing but the acks: no channel messages, no follow-ups.
    expect(h.fake.api.calls.map((c) => c.method).filter((m) => m !== "ack")).toEqual(
      mode === "http" ? ["auth.test"] : ["auth.test", "apps.connections.open"],
    );

    // Someone else is not held back by it.
    const other = await h.slack.command("/summary", { user_id: "U0OTHER", user_name: "other" });
    expect(other.ack?.response_type).toBe("in_channel");
  });
});
