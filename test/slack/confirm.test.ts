import { describe, expect, it } from "vitest";
import { renderThread } from "../../src/adapters/slack/render/thread.js";
import type { ThreadPlan } from "../../src/core/reply.js";
import {
  type Button,
  buttonsIn,
  firingMentions,
  type RecordedCall,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { FAKE_BOT } from "../fakes/slack/web-api.js";
import { article, run } from "../support/article.js";
import { ManualClock } from "../support/clock.js";
import { ADMIN, type Harness, MODERATOR, useHarness } from "../support/slack-harness.js";

/**
 * /article post's preview and its Block Kit buttons through the real Bolt receivers: signed
 * `payload=` form posts in HTTP mode, `interactive` envelopes in Socket Mode.
 */
const TTL = 60_000;
const FINAL = /^(Posted |Everything is already|Stopped |Could not )/u;

describe.each(["http", "socket"] as const)("/article post preview on Slack (%s mode)", (mode) => {
  const clock = new ManualClock();
  const h: Harness = useHarness(mode, { confirm: { clock, ttlMs: TTL } });

  /** Runs /article post with a title of its own; the ack is the preview. */
  async function preview(title: string) {
    const answer = await h.slack.command("/article", { text: `post ${title}`, ...MODERATOR });
    const buttons = buttonsIn(answer.ack);
    const button = (text: string): Button => {
      const found = buttons.find((b) => b.text === text);
      if (!found) throw new Error(`no ${text} button`);
      return found;
    };
    return { answer, buttons, post: button("Post"), cancel: button("Cancel") };
  }

  /** Parent messages posted under this title (the thread's first message heads with it). */
  const parentsTitled = (title: string): RecordedCall[] =>
    h.fake.api
      .callsTo("chat.postMessage")
      .filter((c) => c.params.thread_ts === undefined && visibleBlocks(c.params)[0] === title);

  const answers = (responseUrl: string) => h.fake.api.answersTo(responseUrl);
  const last = async (responseUrl: string, test: RegExp) =>
    visibleText(
      (await h.fake.api.waitFor((c) => c.responseUrl === responseUrl && test.test(visibleText(c.params))))
        .params,
    );

  it("shows the moderator, privately, the thread, the channel, the message count and the header card", async () => {
    const { answer, buttons, cancel } = await preview("Preview only");
    expect(answer.ack?.response_type).toBe("ephemeral");
    const shown = visibleBlocks(answer.ack ?? {});
    expect(shown[0]).toContain(
      "Ready to post “Preview only” in <#C0GENERAL> (a parent message, then the article in 2 replies in its thread): 3 messages",
    );
    expect(shown[0]).toContain("The buttons work for 1 minute");
    // The parent message exactly as it will be posted: the title over the article's own, the card.
    const plan = run("article", { title: "Preview only" }, { subcommand: "post" }) as ThreadPlan;
    const blocks = (answer.ack?.blocks ?? []) as unknown[];
    expect(blocks.slice(2, -1)).toEqual(
      renderThread(plan, article, { botUserId: FAKE_BOT.userId }).parent.blocks,
    );
    expect(shown[2]).toBe("Preview only");
    expect(shown.join("\n")).toContain("tl;dr:");
    expect(buttons.map((b) => b.text)).toEqual(["Post", "Cancel"]);
    expect(parentsTitled("Preview only")).toEqual([]);
    expect(h.fake.api.problems).toEqual([]);
    await h.buttons.press(cancel, MODERATOR);
  });

  it("shows a title as typed and pings no one", async () => {
    const { answer, cancel } = await preview("Read <!here> & <@U0MEMBER> *now*");
    expect(firingMentions(answer.ack ?? {})).toEqual([]);
    expect(visibleBlocks(answer.ack ?? {})[0]).toContain("Ready to post “Read <!here> & <@U0MEMBER> *now*”");
    await h.buttons.press(cancel, MODERATOR);
  });

  it("Post posts the thread, and the preview becomes the post's status line", async () => {
    const { post } = await preview("Confirmed");
    const pressed = await h.buttons.press(post, MODERATOR);
    if (mode === "http") expect(pressed.status).toBe(200);
    const final = await last(pressed.responseUrl, FINAL);
    expect(final).toMatch(/^Posted the header and the article \(2 messages\): 3 messages/u);
    const notes = answers(pressed.responseUrl);
    expect(visibleText(notes[0]?.params ?? {})).toContain("Posting “Confirmed” in <#C0GENERAL>");
    for (const note of notes)
      expect(note.params).toMatchObject({ replace_original: true, response_type: "ephemeral" });
    expect(parentsTitled("Confirmed")).toHaveLength(1);
    expect(h.fake.api.problems).toEqual([]);
  });

  it.each([
    {
      what: "Cancel posts nothing and says so",
      title: "Cancelled",
      button: "cancel",
      waitMs: 0,
      says: "Cancelled; nothing was posted.",
    },
    {
      what: "a press after the buttons expired posts nothing and says to run it again",
      title: "Too late",
      button: "post",
      waitMs: TTL,
      says: "This preview expired; run /article post again.",
    },
  ] as const)("$what", async ({ title, button, waitMs, says }) => {
    const buttons = await preview(title);
    if (waitMs > 0) clock.advance(waitMs);
    const pressed = await h.buttons.press(buttons[button], MODERATOR);
    expect(await last(pressed.responseUrl, /./u)).toBe(says);
    expect(answers(pressed.responseUrl)[0]?.params.replace_original).toBe(true);
    expect(parentsTitled(title)).toEqual([]);
  });

  it("refuses someone else's press with a note of its own, and leaves the preview to its moderator", async () => {
    const { post, cancel } = await preview("Not yours");
    const other = await h.buttons.press(post, ADMIN);
    expect(await last(other.responseUrl, /./u)).toBe(`Only ${MODERATOR.user_name} can confirm this post.`);
    expect(answers(other.responseUrl)[0]?.params.replace_original).toBe(false);
    expect(parentsTitled("Not yours")).toEqual([]);
    const mine = await h.buttons.press(cancel, MODERATOR);
    expect(await last(mine.responseUrl, /./u)).toBe("Cancelled; nothing was posted.");
  });

  it("Post pressed twice at once posts once; the other press is told", async () => {
    const { post, cancel } = await preview("Twice");
    const presses = await Promise.all([h.buttons.press(post, MODERATOR), h.buttons.press(post, MODERATOR)]);
    const texts = await Promise.all(presses.map((p) => last(p.responseUrl, /^(Posted |This preview)/u)));
    expect(texts.sort()).toEqual([
      expect.stringMatching(/^Posted the header and the article/u),
      "This preview was already used: nothing more happens.",
    ]);
    // Cancel after Post changes nothing either.
    const after = await h.buttons.press(cancel, MODERATOR);
    expect(await last(after.responseUrl, /./u)).toBe("This preview was already used: nothing more happens.");
    expect(parentsTitled("Twice")).toHaveLength(1);
  });

  it("confirm:false posts at once, with no preview", async () => {
    const answer = await h.slack.command("/article", { text: "post confirm:false Scripted", ...MODERATOR });
    expect(buttonsIn(answer.ack)).toEqual([]);
    expect(visibleText(answer.ack ?? {})).toContain("Posting “Scripted” in <#C0GENERAL>");
    await last(answer.responseUrl, FINAL);
    expect(parentsTitled("Scripted")).toHaveLength(1);
    expect(h.fake.api.problems).toEqual([]);
  });
});
