/**
 * The moderator records on Slack, end to end through the real Bolt HTTP receiver against the fake:
 * every /article post is in the audit log (asked, then finished), /article history shows the last
 * ten of this workspace only, newest first, mentioning who did it in an ephemeral answer, and a
 * re-run finds its thread through the store, or on Slack when the store's thread was deleted.
 */
import { describe, expect, it } from "vitest";
import { buttonsIn, MEMBER, type SlashCommandFields, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { MODERATOR, useHarness } from "../support/slack-harness.js";

const FINAL = /^(Posted |Everything is already|Stopped |Could not )/u;

describe("Slack: the audit log and /article history", () => {
  const h = useHarness("http", { records: true });

  const history = async (fields: Partial<SlashCommandFields> = {}) => {
    const answer = await h.slack.command("/article", { text: "history", ...MODERATOR, ...fields });
    expect(answer.ack?.response_type).toBe("ephemeral");
    return visibleText(answer.ack ?? {});
  };
  const post = async () => {
    const answer = await h.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    const last = await h.fake.api.waitFor(
      (c) => c.responseUrl === answer.responseUrl && FINAL.test(visibleText(c.params)),
    );
    return visibleText(last.params);
  };

  it("says so when nothing has been recorded, and refuses members", async () => {
    expect(await history()).toContain("No /article post has been recorded in this workspace or server yet.");
    const member = await h.slack.command("/article", { text: "history", ...MEMBER });
    expect(visibleText(member.ack ?? {})).toContain("Only moderators can run /article history");
  });

  it("records each post as asked then finished, and lists them newest first with a mention", async () => {
    expect(await post()).toMatch(/^Posted /u);
    const answer = await h.slack.command("/article", { text: "history", ...MODERATOR });
    const blocks = JSON.stringify(answer.ack?.blocks);
    // Who and where as Slack mentions, in an answer only the moderator sees: nobody is notified.
    expect(blocks).toContain(`<@${MODERATOR.user_id}> · <#C0GENERAL>`);
    const lines = visibleText(answer.ack ?? {})
      .split("\n")
      .filter((l) => l.startsWith("• "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^• \d{4}-\d\d-\d\d \d\d:\d\d UTC · .+ · finished: \d+ of \d+ parts posted$/u);
    expect(lines[1]).toMatch(/ · asked$/u);
  });

  it("keeps each workspace's history to itself", async () => {
    expect(await history({ team_id: "T0OTHER" } as Partial<SlashCommandFields>)).toContain(
      "No /article post has been recorded",
    );
  });

  it("a re-run finds the thread through the store without reading the channel's history", async () => {
    const before = h.fake.api.callsTo("conversations.history").length;
    expect(await post()).toMatch(/^Everything is already in /u);
    expect(h.fake.api.callsTo("conversations.history").length).toBe(before);
    expect(await history()).toMatch(/finished: all \d+ parts were already there/u);
  });

  it("a thread deleted on Slack is not resumed: the re-run starts a new one", async () => {
    const parents = h.fake.api.messages.filter((m) => m.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    // Deleting the parent deletes the thread, as in Slack.
    const gone = new Set(h.fake.api.messages.map((m) => m.ts));
    h.fake.api.messages.splice(0, h.fake.api.messages.length);
    expect(await post()).toMatch(/^Posted /u);
    const fresh = h.fake.api.messages.filter((m) => m.thread_ts === undefined);
    expect(fresh).toHaveLength(1);
    expect(gone.has(fresh[0]?.ts ?? "")).toBe(false);
    expect(JSON.stringify(fresh[0]?.blocks)).toContain(article.title);
  });

  it("shows at most the last ten", async () => {
    for (let i = 0; i < 3; i++) await post();
    const lines = (await history()).split("\n").filter((l) => l.startsWith("• "));
    expect(lines).toHaveLength(10);
    expect(await history()).toContain("The last 10 moderator actions here");
  });

  it("records a preview's Cancel and Post presses beside the asked entries", async () => {
    const previewed = async (title: string) => {
      const answer = await h.slack.command("/article", { text: `post ${title}`, ...MODERATOR });
      const [post, cancel] = ["Post", "Cancel"].map((text) =>
        buttonsIn(answer.ack).find((b) => b.text === text),
      );
      if (!post || !cancel) throw new Error("no Post or Cancel button in the preview");
      return { answer, post, cancel };
    };
    const dropped = await previewed("Not this one");
    await h.buttons.press(dropped.cancel, MODERATOR);
    const kept = await previewed("This one");
    const pressed = await h.buttons.press(kept.post, MODERATOR);
    await h.fake.api.waitFor(
      (c) => c.responseUrl === pressed.responseUrl && FINAL.test(visibleText(c.params)),
    );
    const lines = (await history()).split("\n").filter((l) => l.startsWith("• "));
    expect(lines.slice(0, 5).map((l) => l.replace(/^• .+ · ([a-z]+)(:.*)?$/u, "$1"))).toEqual([
      "finished",
      "confirmed",
      "asked",
      "cancelled",
      "asked",
    ]);
  });
});
