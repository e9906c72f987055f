import { afterAll, describe, expect, it } from "vitest";
import { appMention, httpEvents } from "../fakes/slack/events.js";
import { FAKE_BOT, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { type BotProcess, PROCESS_SECRET, startBotProcess } from "../support/slack-process.js";

/**
 * The bot killed (SIGKILL: no drain, no last word) in the middle of `/article post`, then started
 * afresh and asked again by mention inside the thread: the thread ends with every part exactly
 * once, in order. Real processes in HTTP mode against one fake Slack, paced as in production (one
 * message a second per channel), which leaves time to kill it between two replies.
 */
/** The text after `/article` (and after `@bot article`) that posts the thread, in one place. */
const POST_TEXT = "post confirm:false";
const MODERATOR = { user_id: "U0MOD", user_name: "mod" };

// The last first: the first process's close() also closes the fakes both used.
const running: BotProcess[] = [];
afterAll(async () => {
  for (const p of running.reverse()) await p.close();
});

describe("the Slack bot killed mid-post, then run again", () => {
  it("resumes the thread it started: every part once, in order, nothing lost or doubled", async () => {
    const first = await startBotProcess("http");
    running.push(first);
    const { api } = first.fake;
    const ours = () => api.messages.filter((m) => m.user === FAKE_BOT.userId);

    await first.slack.command("/article", { text: POST_TEXT, ...MODERATOR });
    // The parent and the first reply are in; the second is a second away. Kill it now.
    await api.waitFor((c) => c.method === "chat.postMessage" && c.params.thread_ts !== undefined, 10_000);
    const killed = await first.bot.stop("SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    const [parent, ...before] = ours();
    expect(parent?.thread_ts).toBeUndefined();
    expect(before).toHaveLength(1);

    const second = await startBotProcess("http", { using: first.fake });
    running.push(second);
    const text = `<@${FAKE_BOT.userId}> article ${POST_TEXT}`;
    const ts = api.say("C0GENERAL", MODERATOR.user_id, text, parent?.ts);
    await httpEvents(second.url ?? "", PROCESS_SECRET).send(
      appMention(text, { user: MODERATOR.user_id, ts, thread_ts: parent?.ts ?? "" }),
    );
    const last = await api.waitFor(
      (c) => c.method === "chat.postEphemeral" && /^(Posted|Stopped|Could not)/u.test(visibleText(c.params)),
      15_000,
    );
    expect(last.params).toMatchObject({ user: MODERATOR.user_id, thread_ts: parent?.ts });
    expect(visibleText(last.params)).toMatch(/^Posted article part 2 of 2, which was missing: 1 message\./u);

    const [again, ...replies] = ours();
    expect(again?.ts).toBe(parent?.ts);
    expect(ours().filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    expect(replies.every((r) => r.thread_ts === parent?.ts)).toBe(true);
    const body = replies.map((r) => visibleBlocks({ ...r })[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
    expect(api.problems).toEqual([]);
  }, 60_000);
});
