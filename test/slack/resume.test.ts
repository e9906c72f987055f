import { afterEach, describe, expect, it } from "vitest";
import { type RecordedCall, visibleBlocks, visibleText } from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { type Harness, MODERATOR, startHarness } from "../support/slack-harness.js";

/**
 * `/article post` run again after a post stopped part-way: through the real Bolt receiver against
 * the fake Web API, the bot finds its own parent in the channel, reads the thread, and posts only
 * the replies that are missing, so the thread ends up holding the article once, in order.
 */
let h: Harness | undefined;
afterEach(async () => {
  expect(h?.fake.api.problems).toEqual([]);
  await h?.close();
  h = undefined;
});

const FINAL = /^(Posted |Everything is already|Stopped |Could not |Another )/u;

async function post(harness: Harness, text = "post confirm:false") {
  const answer = await harness.slack.command("/article", { text, ...MODERATOR });
  const last = await harness.fake.api.waitFor(
    (c) => c.responseUrl === answer.responseUrl && FINAL.test(visibleText(c.params)),
  );
  const notes = harness.fake.api.answersTo(answer.responseUrl);
  for (const note of notes) expect(note.params.response_type).toBe("ephemeral");
  return { notes: notes.map((n) => visibleText(n.params)), last: visibleText(last.params) };
}

/** The thread as a member reads it: the parent's first block, then each reply's sections. */
function thread(harness: Harness, channel: string) {
  const { messages } = harness.fake.api;
  const parents = messages.filter((m) => m.channel === channel && m.thread_ts === undefined);
  const replies = messages.filter((m) => m.channel === channel && m.thread_ts === parents[0]?.ts);
  return { parents, replies, body: replies.map((r) => visibleBlocks({ ...r })[0]) };
}

const accepted = (harness: Harness): RecordedCall[] =>
  harness.fake.api.callsTo("chat.postMessage").filter((c) => c.status === 200 && !c.fault);

describe("running /article post again after it stopped part-way", () => {
  it("posts only the missing replies into the same thread: nothing twice, the article exactly", async () => {
    h = await startHarness("http");
    let replies = 0;
    h.fake.api.failNext(
      "chat.postMessage",
      { status: 500 },
      { when: (p) => p.thread_ts !== undefined && ++replies === 2 },
    );
    const first = await post(h);
    expect(first.last).toMatch(/^Stopped at article part 2 of 2 in <https:[^|]+\|the thread>: /u);
    expect(thread(h, "C0GENERAL").replies).toHaveLength(1);
    const before = accepted(h).length;

    const again = await post(h);
    const { parents, replies: posted, body } = thread(h, "C0GENERAL");
    expect(parents).toHaveLength(1);
    expect(posted).toHaveLength(2);
    // One request for the one missing reply, into the first run's thread.
    const sent = accepted(h).slice(before);
    expect(sent.map((c) => c.params.thread_ts)).toEqual([parents[0]?.ts]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);

    const permalink = `https://fake-workspace.slack.test/archives/C0GENERAL/p${parents[0]?.ts.replace(".", "")}`;
    expect(again.notes[1]).toBe(
      `Found <${permalink}|the thread> an earlier run started in <#C0GENERAL>; posting the 1 reply missing…`,
    );
    expect(again.last).toBe(
      `Posted article part 2 of 2, which was missing: 1 message. Already there: the header and article part 1 of 2. The thread: <${permalink}|the thread>`,
    );
    // It looked in the channel, then in the thread it found.
    expect(h.fake.api.callsTo("conversations.replies").at(-1)?.params).toMatchObject({
      channel: "C0GENERAL",
      ts: parents[0]?.ts,
    });
  });

  it("posts nothing when the whole article is already there, and says so", async () => {
    h = await startHarness("http");
    await post(h);
    const before = h.fake.api.messages.length;
    const again = await post(h);
    expect(h.fake.api.messages).toHaveLength(before);
    expect(again.last).toMatch(
      /^Everything is already in <https:[^|]+\|the thread>: the header and the article \(2 messages\)\. Nothing was posted\.$/u,
    );
  });

  it("starts a new thread for a different title, and finds each thread by its own parent", async () => {
    h = await startHarness("http");
    await post(h);
    await post(h, "post confirm:false Read along");
    expect(thread(h, "C0GENERAL").parents).toHaveLength(2);
    expect(h.fake.api.messages).toHaveLength(6);
    // The bot's other thread, posted since, does not hide the first.
    const again = await post(h);
    expect(again.last).toMatch(/^Everything is already in /u);
    expect(h.fake.api.messages).toHaveLength(6);
  });

  it("finds the thread in a channel longer than one page of history", async () => {
    h = await startHarness("http");
    await post(h);
    // Members' messages since: the parent is on the second page of history.
    h.fake.api.messages.push(
      ...Array.from({ length: 150 }, (_, i) => ({
        channel: "C0GENERAL",
        ts: `1800000000.${String(i).padStart(6, "0")}`,
        text: `chatter ${i}`,
        user: "U0MEMBER",
      })),
    );
    const again = await post(h);
    expect(again.last).toMatch(/^Everything is already in /u);
    const pages = h.fake.api.callsTo("conversations.history").slice(-2);
    expect(pages.map((c) => (c.response as { has_more: boolean }).has_more)).toEqual([true, false]);
  });

  it("two moderators at once in one channel: one thread, each reply once; the second is told", async () => {
    h = await startHarness("http", { start: { paceMs: 50 } });
    const [one, two] = await Promise.all([post(h), post(h)]);
    const { parents, replies, body } = thread(h, "C0GENERAL");
    expect(parents).toHaveLength(1);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
    expect(replies.length).toBeGreaterThan(0);
    const lasts = [one.last, two.last].sort();
    expect(lasts[0]).toBe(
      "Another /article post into <#C0GENERAL> is running right now, so nothing was posted. It reports when it is done; run /article post again after that if anything is missing.",
    );
    expect(lasts[1]).toMatch(/^Posted /u);
  });
});
