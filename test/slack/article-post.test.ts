import { afterEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "../fakes/slack/index.js";
import { firingMentions, MEMBER, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { ADMIN, type Harness, MODERATOR, startHarness } from "./harness.js";

/** `/article post` end to end in HTTP mode: the thread, the moderator's notes, and failures. */
let h: Harness | undefined;
afterEach(async () => {
  expect(h?.fake.api.problems).toEqual([]);
  await h?.close();
  h = undefined;
});

async function start(options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  h = await startHarness("http", options);
  return h;
}

/** Posts the article and waits for the moderator's last note (done or failed). */
async function post(harness: Harness, text = "post", user = MODERATOR) {
  const answer = await harness.slack.command("/article", { text, ...user });
  const last = await harness.fake.api.waitFor(
    (c) =>
      c.responseUrl === answer.responseUrl &&
      /^(Done|Nothing was posted|Posted )/u.test(visibleText(c.params)),
  );
  const notes = harness.fake.api.answersTo(answer.responseUrl);
  for (const note of notes) expect(note.params.response_type).toBe("ephemeral");
  return { answer, notes: notes.map((n) => visibleText(n.params)), last: visibleText(last.params) };
}

const posts = (harness: Harness): RecordedCall[] => harness.fake.api.callsTo("chat.postMessage");

describe("a moderator posts the article", () => {
  it("starts a thread in this channel and posts the whole article in it, exactly", async () => {
    const harness = await start();
    const { answer, notes, last } = await post(harness);
    expect(answer.ack?.response_type).toBe("ephemeral");
    expect(notes[0]).toContain(`Posting “${article.title}” in <#C0GENERAL>`);

    const [parent, ...replies] = posts(harness);
    if (!parent) throw new Error("nothing was posted");
    expect(parent.params.channel).toBe("C0GENERAL");
    expect(parent?.params.thread_ts).toBeUndefined();
    const shown = visibleText(parent?.params ?? {});
    expect(visibleBlocks(parent?.params ?? {})[0]).toBe(article.title);
    expect(shown).toContain("As reported by Cox Media and Fox News");
    expect(shown).toContain("tl;dr:");

    const parentTs = (parent.response as { ts: string }).ts;
    expect(replies.length).toBe(2);
    for (const reply of replies) {
      expect(reply.params).toMatchObject({ channel: "C0GENERAL", thread_ts: parentTs });
      expect(firingMentions(reply.params)).toEqual([]);
    }
    // The replies' sections, un-escaped and joined at the paragraph breaks, are the article.
    const body = replies.map((r) => visibleBlocks(r.params)[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);

    const permalink = `https://fake-workspace.slack.test/archives/C0GENERAL/p${parentTs.replace(".", "")}`;
    expect(harness.fake.api.callsTo("chat.getPermalink")[0]?.params).toMatchObject({
      channel: "C0GENERAL",
      message_ts: parentTs,
    });
    expect(notes[1]).toContain("started in <#C0GENERAL>; posting 2 replies");
    expect(last).toBe(
      `Done: posted the parent message and all 2 replies of “${article.title}” in <#C0GENERAL>. <${permalink}|Open the thread>`,
    );
  });

  it("posts to the channel named as <#C…|name>, with a custom title over the article's", async () => {
    const harness = await start();
    const { last } = await post(harness, "post <#C0NEWS|news> Read <!here> & discuss");
    const [parent] = posts(harness);
    expect(parent?.params.channel).toBe("C0NEWS");
    expect(visibleBlocks(parent?.params ?? {}).slice(0, 2)).toEqual([
      "Read <!here> & discuss",
      `*${article.title}*`,
    ]);
    expect(firingMentions(parent?.params ?? {})).toEqual([]);
    expect(last).toMatch(/^Done: .* of “Read <!here> & discuss” in <#C0NEWS>\./u);
  });

  it("accepts a bare #name and links the channel once Slack names its ID", async () => {
    const harness = await start();
    const { last } = await post(harness, "post #news");
    expect(posts(harness)[0]?.params.channel).toBe("#news");
    expect(posts(harness)[1]?.params.channel).toBe("C0NEWS");
    expect(last).toContain("in <#C0NEWS>");
  });

  it("lets a workspace admin post (users.info), unless admins are not moderators", async () => {
    const harness = await start();
    expect((await post(harness, "post", ADMIN)).last).toMatch(/^Done: /u);
    await harness.close();

    const strict = await start({ env: { SLACK_ADMINS_ARE_MODERATORS: "false" } });
    const refused = await strict.slack.command("/article", { text: "post", ...ADMIN });
    expect(visibleText(refused.ack ?? {})).toContain(
      "Only moderators can run /article post. Nothing was posted.",
    );
    expect(strict.fake.api.callsTo("users.info")).toEqual([]);
    expect(posts(strict)).toEqual([]);
  });

  it("acks first and answers through response_url when the admin check is slow", async () => {
    const harness = await start({ start: { ackDeadlineMs: 50 } });
    harness.fake.api.failNext("users.info", { delayMs: 400 });
    const answer = await harness.slack.command("/article", { text: "post", ...MEMBER });
    expect(visibleText(answer.ack ?? {})).toBe("Working on it…");
    const refusal = await harness.fake.api.waitFor(
      (c) => c.method === "response_url" && c.responseUrl === answer.responseUrl,
    );
    expect(visibleText(refusal.params)).toContain("Only moderators can run /article post");
    expect(refusal.params.response_type).toBe("ephemeral");
    expect(posts(harness)).toEqual([]);
  });
});

describe("when Slack says no", () => {
  it.each([
    [
      "not_in_channel",
      "post <#C0QUIET|quiet>",
      "<#C0QUIET>",
      "the bot is not a member of that channel (not_in_channel)",
    ],
    [
      "channel_not_found",
      "post #nowhere",
      "#nowhere",
      "Slack cannot find that channel, or it is private and the bot is not in it (channel_not_found)",
    ],
  ])(
    "%s: tells the moderator how to invite the bot, and that nothing was posted",
    async (_, text, label, reason) => {
      const harness = await start();
      const { last } = await post(harness, text);
      expect(last).toBe(
        `Nothing was posted in ${label}: ${reason}. Invite the bot with \`/invite @article_bot\` in ${label}, then run \`/article post\` again.`,
      );
      expect(harness.fake.api.messages).toEqual([]);
      expect(
        harness.logs.some(
          (l) => l.msg === "article post failed" && l.command === "article post" && l.platform === "slack",
        ),
      ).toBe(true);
    },
  );

  it("says exactly which parts are up when a reply fails part-way (ok:false rate_limited)", async () => {
    const harness = await start();
    let replies = 0;
    harness.fake.api.failNext(
      "chat.postMessage",
      { error: "rate_limited" },
      { when: (p) => p.thread_ts !== undefined && ++replies === 2 },
    );
    const { last } = await post(harness);
    const second = posts(harness)[2];
    const words = String(second?.params.text).split(/\s+/u).slice(0, 8).join(" ");
    expect(last).toMatch(
      new RegExp(
        `^Posted the parent message and reply 1 in <#C0GENERAL> \\(<https://[^|]+\\|the thread>\\), but reply 2 of 2 failed: Slack is rate-limiting the bot \\(rate_limited\\)\\. Not posted: reply 2, from “${words}…”\\.$`,
        "u",
      ),
    );
    expect(harness.fake.api.messages).toHaveLength(2);
  });

  it("says the whole article is missing when the first reply fails (HTTP 500)", async () => {
    const harness = await start();
    harness.fake.api.failNext(
      "chat.postMessage",
      { status: 500 },
      { when: (p) => p.thread_ts !== undefined },
    );
    const { last } = await post(harness);
    expect(last).toMatch(
      /^Posted the parent message in <#C0GENERAL> \(<https:[^>]+>\), but reply 1 of 2 failed: Slack answered HTTP 500\. Not posted: replies 1–2, from “As reported by Cox Media, sanctuary cities were…”\.$/u,
    );
    expect(harness.fake.api.messages).toHaveLength(1);
  });

  it("reports an HTTP 500 on the parent message as nothing posted", async () => {
    const harness = await start();
    harness.fake.api.failNext("chat.postMessage", { status: 500 });
    const { last } = await post(harness);
    expect(last).toBe("Nothing was posted in <#C0GENERAL>: Slack answered HTTP 500.");
    expect(harness.fake.api.messages).toEqual([]);
  });

  it("waits out a 429 with Retry-After and then finishes the thread", async () => {
    const harness = await start({ start: { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } } });
    harness.fake.api.failNext(
      "chat.postMessage",
      { status: 429, retryAfter: 1 },
      { when: (p) => p.thread_ts !== undefined },
    );
    const { last } = await post(harness);
    expect(last).toMatch(/^Done: posted the parent message and all 2 replies/u);
    const statuses = posts(harness).map((c) => c.status);
    expect(statuses).toEqual([200, 429, 200, 200]);
    expect(harness.fake.api.messages).toHaveLength(3);
  });
});
