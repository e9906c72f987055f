import { afterEach, describe, expect, it, vi } from "vitest";
import type { RecordedCall } from "../fakes/slack/index.js";
import { firingMentions, MEMBER, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { ADMIN, faultLines, type Harness, MODERATOR, startHarness } from "../support/slack-harness.js";

/** `/article post` end to end in HTTP mode: the thread, the moderator's notes, and failures. */
let h: Harness | undefined;
afterEach(async () => {
  expect(h?.fake.api.problems).toEqual([]);
  // Whatever went wrong, the bot still answers the next command.
  if (h) expect((await h.slack.command("/help")).ack?.response_type).toBe("ephemeral");
  await h?.close();
  h = undefined;
});

/**
 * The one line the log has about a fault: level, message, and the command, platform and cause. The
 * thread-posting core logs the cause as the error's fields, the reason among them.
 */
const oneLine = (harness: Harness, level: "warn" | "error", msg: string, cause: string | RegExp | object) =>
  expect(faultLines(harness.logs)).toEqual([
    expect.objectContaining({
      level: level === "warn" ? 40 : 50,
      msg,
      command: "article post",
      platform: "slack",
      cause:
        typeof cause === "string"
          ? cause
          : cause instanceof RegExp
            ? expect.stringMatching(cause)
            : expect.objectContaining(cause),
    }),
  ]);

async function start(options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  h = await startHarness("http", options);
  return h;
}

/** The core's last word on a post: done, stopped part-way, or nothing posted. */
const FINAL = /^(Posted |Everything is already|Stopped |Could not |The bot is restarting)/u;

/** Posts the article and waits for the moderator's last note (done or failed). */
async function post(harness: Harness, text = "post confirm:false", user = MODERATOR) {
  const answer = await harness.slack.command("/article", { text, ...user });
  const last = await harness.fake.api.waitFor(
    (c) => c.responseUrl === answer.responseUrl && FINAL.test(visibleText(c.params)),
  );
  const notes = harness.fake.api.answersTo(answer.responseUrl);
  for (const note of notes) expect(note.params.response_type).toBe("ephemeral");
  return { answer, notes: notes.map((n) => visibleText(n.params)), last: visibleText(last.params) };
}

const posts = (harness: Harness): RecordedCall[] => harness.fake.api.callsTo("chat.postMessage");

/** Posts the article and waits for the final note, which must come through chat.postEphemeral. */
async function doneThroughEphemeral(harness: Harness) {
  const answer = await harness.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
  const done = await harness.fake.api.waitFor(
    (c) => c.method === "chat.postEphemeral" && visibleText(c.params).startsWith("Posted "),
  );
  expect(done.params).toMatchObject({ channel: "C0GENERAL", user: MODERATOR.user_id });
  expect(harness.fake.api.messages).toHaveLength(3);
  return { answer, done };
}

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
      `Posted the header and the article (2 messages): 3 messages. The thread: <${permalink}|the thread>`,
    );
  });

  it("posts to the channel named as <#C…|name>, with a custom title over the article's", async () => {
    const harness = await start();
    const { notes, last } = await post(harness, "post confirm:false <#C0NEWS|news> Read <!here> & discuss");
    const [parent] = posts(harness);
    expect(parent?.params.channel).toBe("C0NEWS");
    expect(visibleBlocks(parent?.params ?? {}).slice(0, 2)).toEqual([
      "Read <!here> & discuss",
      `*${article.title}*`,
    ]);
    expect(firingMentions(parent?.params ?? {})).toEqual([]);
    expect(notes[0]).toMatch(/^Posting “Read <!here> & discuss” in <#C0NEWS>: /u);
    expect(last).toMatch(/^Posted the header and the article .* <https:[^|]+\/C0NEWS\/[^|]+\|the thread>$/u);
  });

  it("accepts a bare #name and links the channel once Slack names its ID", async () => {
    const harness = await start();
    const { notes } = await post(harness, "post confirm:false #news");
    expect(posts(harness)[0]?.params.channel).toBe("#news");
    expect(posts(harness)[1]?.params.channel).toBe("C0NEWS");
    expect(notes[1]).toContain("started in <#C0NEWS>");
  });

  it("lets a workspace admin post (users.info), unless admins are not moderators", async () => {
    const harness = await start();
    expect((await post(harness, "post confirm:false", ADMIN)).last).toMatch(
      /^Posted the header and the article/u,
    );
    await harness.close();

    const strict = await start({ env: { SLACK_ADMINS_ARE_MODERATORS: "false" } });
    const refused = await strict.slack.command("/article", { text: "post confirm:false", ...ADMIN });
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
      "post confirm:false <#C0QUIET|quiet>",
      "<#C0QUIET>",
      "the bot is not a member of that channel (not_in_channel)",
    ],
    [
      "channel_not_found",
      "post confirm:false #nowhere",
      "#nowhere",
      "Slack cannot find that channel, or it is private and the bot is not in it (channel_not_found)",
    ],
  ])(
    "%s: tells the moderator how to invite the bot, and that nothing was posted",
    async (_, text, label, reason) => {
      const harness = await start();
      const { last } = await post(harness, text);
      expect(last).toBe(
        `Could not create a thread in ${label}: ${reason}. Nothing was posted. Invite the bot with \`/invite @article_bot\` in ${label}, then run the same \`/article post\` again in ${label}.`,
      );
      expect(harness.fake.api.messages).toEqual([]);
      oneLine(harness, "error", "thread creation failed", { reason });
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
    expect(last).toMatch(
      /^Stopped at article part 2 of 2 in <https:\/\/[^|]+\|the thread>: Slack is rate-limiting the bot \(rate_limited\)\.\nPosted: the header and article part 1 of 2\.\nNot posted: article part 2 of 2\.\nIn a minute, run the same `\/article post` again in <#C0GENERAL>: it posts only what is missing\.$/u,
    );
    expect(harness.fake.api.messages).toHaveLength(2);
    oneLine(harness, "error", "posting to the thread failed", {
      reason: "Slack is rate-limiting the bot (rate_limited)",
    });
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
      /^Stopped at article part 1 of 2 in <https:[^>]+>: Slack answered HTTP 500\.\nPosted: the header\.\nNot posted: the article \(2 messages\)\.\nIn a minute, run the same `\/article post` again in <#C0GENERAL>: it posts only what is missing\.$/u,
    );
    expect(harness.fake.api.messages).toHaveLength(1);
    oneLine(harness, "error", "posting to the thread failed", { reason: "Slack answered HTTP 500" });
  });

  it("reports an HTTP 500 on the parent message as nothing posted", async () => {
    const harness = await start();
    harness.fake.api.failNext("chat.postMessage", { status: 500 });
    const { last } = await post(harness);
    expect(last).toBe(
      "Could not create a thread in <#C0GENERAL>: Slack answered HTTP 500. Nothing was posted. Try again in a minute.",
    );
    expect(harness.fake.api.messages).toEqual([]);
    oneLine(harness, "error", "thread creation failed", { reason: "Slack answered HTTP 500" });
  });

  it("waits out a 429 with Retry-After and then finishes the thread", async () => {
    const harness = await start({ start: { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } } });
    harness.fake.api.failNext(
      "chat.postMessage",
      { status: 429, retryAfter: 1 },
      { when: (p) => p.thread_ts !== undefined },
    );
    const { last } = await post(harness);
    expect(last).toMatch(/^Posted the header and the article \(2 messages\): 3 messages\./u);
    const statuses = posts(harness).map((c) => c.status);
    expect(statuses).toEqual([200, 429, 200, 200]);
    expect(harness.fake.api.messages).toHaveLength(3);
    // Waited out and done: nothing for an operator to look at, and no library chatter above debug.
    expect(faultLines(harness.logs)).toEqual([]);
    expect(harness.logs.filter((l) => l.component === "bolt" && Number(l.level) > 20)).toEqual([]);
  });

  it("stops and says so when Slack keeps answering 429, with one log line", async () => {
    const harness = await start();
    harness.fake.api.failNext("chat.postMessage", { status: 429, retryAfter: 0 }, { times: 4 });
    const { last } = await post(harness);
    expect(last).toBe(
      "Could not create a thread in <#C0GENERAL>: Slack is rate-limiting the bot (HTTP 429; it asked to wait 0 s). Nothing was posted. Try again in a minute.",
    );
    expect(posts(harness).map((c) => c.status)).toEqual([429, 429, 429, 429]);
    oneLine(harness, "error", "thread creation failed", {
      reason: "Slack is rate-limiting the bot (HTTP 429; it asked to wait 0 s)",
    });
    expect(harness.logs.filter((l) => l.component === "bolt" && Number(l.level) > 20)).toEqual([]);
  });

  it("sends the notes through chat.postEphemeral when the response_url fails, and still posts the thread", async () => {
    const harness = await start();
    harness.fake.api.failNext("response_url", { status: 404 }, { times: 10 });
    const { answer, done } = await doneThroughEphemeral(harness);
    const notes = harness.fake.api.callsTo("chat.postEphemeral").map((c) => visibleText(c.params));
    expect(notes).toEqual([
      expect.stringMatching(/^<https:[^|]+\|Thread> started in <#C0GENERAL>/u),
      visibleText(done.params),
    ]);
    // The response_url was tried once, then left alone for this command.
    expect(
      harness.fake.api.answersTo(answer.responseUrl).filter((c) => c.method === "response_url"),
    ).toHaveLength(1);
    expect(faultLines(harness.logs)).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "sent the answer through the Web API instead",
        command: "article post",
        platform: "slack",
        cause: "the response_url failed (Slack refused the reply (response_url answered HTTP 404))",
      }),
    ]);
  });

  it("does not wait minutes for a response_url that never answers: the note goes through chat.postEphemeral", async () => {
    const harness = await start({ start: { requestTimeoutMs: 200 } });
    harness.fake.api.failNext("response_url", { delayMs: 3_000 }, { times: 10 });
    await doneThroughEphemeral(harness);
    expect(faultLines(harness.logs)).toEqual([
      expect.objectContaining({
        level: 40,
        command: "article post",
        cause: "the response_url failed (Slack did not answer in time)",
      }),
    ]);
  });

  it("logs one error line when neither the response_url nor chat.postEphemeral can reach the moderator", async () => {
    const harness = await start();
    harness.fake.api.failNext("response_url", { status: 500 }, { times: 10 });
    harness.fake.api.failNext("chat.postEphemeral", { error: "not_in_channel" }, { times: 10 });
    await harness.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    await harness.fake.api.waitFor(
      (c) => c.method === "chat.postEphemeral" && c.params.text?.toString().startsWith("Posted ") === true,
    );
    // The thread itself was posted in full; only the two notes about it were lost: a line for each.
    expect(harness.fake.api.messages).toHaveLength(3);
    const lines = await vi.waitFor(() => {
      const found = faultLines(harness.logs);
      expect(found).toHaveLength(2);
      return found;
    });
    for (const line of lines)
      expect(line).toMatchObject({
        level: 50,
        msg: "could not answer the command",
        command: "article post",
        platform: "slack",
        cause:
          "the response_url failed (Slack refused the reply (response_url answered HTTP 500)); posting it directly failed (the bot is not a member of that channel (not_in_channel))",
      });
  });

  it("tells an admin plainly when Slack cannot say whether they are one (users.info HTTP 500)", async () => {
    const harness = await start();
    harness.fake.api.failNext("users.info", { status: 500 });
    const answer = await harness.slack.command("/article", { text: "post confirm:false", ...ADMIN });
    expect(answer.ack?.response_type).toBe("ephemeral");
    expect(visibleText(answer.ack ?? {})).toBe(
      ":warning: Slack could not say whether you are a workspace admin (Slack answered HTTP 500), so nothing was posted. Please try again in a minute, or ask whoever runs the bot to list you as a moderator.",
    );
    expect(posts(harness)).toEqual([]);
    expect(faultLines(harness.logs)).toEqual([
      expect.objectContaining({
        level: 40,
        command: "article post",
        platform: "slack",
        cause: "Slack answered HTTP 500",
      }),
    ]);
  });
});
