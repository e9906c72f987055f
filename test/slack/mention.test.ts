import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestKey } from "../../src/adapters/slack/replay.js";
import {
  appMention,
  type EventSender,
  eventCallback,
  httpEvents,
  socketEvents,
} from "../fakes/slack/events.js";
import {
  FAKE_BOT,
  firingMentions,
  type RecordedCall,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { type Harness, MODERATOR, SECRET, startHarness, useHarness } from "../support/slack-harness.js";

/**
 * Asking the bot by mentioning it, through the real Bolt receiver against the fakes, in HTTP mode
 * (signed event_callback POSTs) and Socket Mode (events_api envelopes): the answer goes into the
 * mention's thread, private ones and errors as ephemeral messages there, with the slash
 * commands' parsing, checks and thread post.
 */
const BOT = `<@${FAKE_BOT.userId}>`;
const MEMBER = "U0MEMBER";

function eventsFor(mode: "http" | "socket", h: Harness): EventSender {
  return mode === "http" ? httpEvents(h.adapter.url ?? "", SECRET) : socketEvents(h.fake.socket ?? missing());
}

/** The sender for a harness useHarness starts later, in beforeAll. */
const lazyEvents = (mode: "http" | "socket", h: Harness): EventSender => ({
  send: (event, options) => eventsFor(mode, h).send(event, options),
});

function missing(): never {
  throw new Error("the Socket Mode fake is missing");
}

interface Asked {
  /** The thread the answer belongs in. */
  thread: string;
  first: RecordedCall;
  eventId: string;
}

/** A member types `text` (Slack's escaped form) in C0GENERAL, at top level or in `thread`. */
async function mention(
  h: Harness,
  events: EventSender,
  text: string,
  options: { user?: string; thread?: string; retry?: boolean } = {},
): Promise<Asked> {
  const user = options.user ?? MEMBER;
  const before = h.fake.api.calls.length;
  const ts = h.fake.api.say("C0GENERAL", user, text, options.thread);
  const event = appMention(text, { user, ts, ...(options.thread ? { thread_ts: options.thread } : {}) });
  const { eventId } = await events.send(event);
  const thread = options.thread ?? ts;
  const first = await h.fake.api.waitFor((c) => inThread(c, thread) && h.fake.api.calls.indexOf(c) >= before);
  return { thread, first, eventId };
}

const inThread = (c: RecordedCall, thread: string) =>
  (c.method === "chat.postMessage" || c.method === "chat.postEphemeral") && c.params.thread_ts === thread;

const answersIn = (h: Harness, thread: string) => h.fake.api.calls.filter((c) => inThread(c, thread));

describe.each(["http", "socket"] as const)("mentioning the bot (%s)", (mode) => {
  const h = useHarness(mode);
  const events = lazyEvents(mode, h);
  afterAll(() => expect(h.fake.api.problems).toEqual([]));

  it("@bot quote grants at top level: the answer starts a thread under the mention", async () => {
    const { first, thread } = await mention(h, events, `${BOT} quote grants`);
    expect(first.method).toBe("chat.postMessage");
    expect(first.params).toMatchObject({ channel: "C0GENERAL", thread_ts: thread });
    expect(visibleBlocks(first.params)[0]).toBe("Jeff Sessions on “grants”");
    expect(visibleText(first.params)).toContain("Reported in ¶9, after the quote");
    expect(first.response).toMatchObject({ ok: true });
  });

  it("@bot /summary full in a thread answers in that thread; the slash is optional", async () => {
    const parent = h.fake.api.say("C0GENERAL", MEMBER, "What did he say?");
    const { first } = await mention(h, events, `${BOT} /summary full`, { thread: parent });
    expect(first.params).toMatchObject({ channel: "C0GENERAL", thread_ts: parent });
    expect(visibleBlocks(first.params)[0]).toBe(`Summary: ${article.title}`);
    const help = await mention(h, events, `${BOT}: help`, { thread: parent });
    expect(visibleText(help.first.params)).toContain("/quote");
  });

  it("private answers and errors come as ephemeral messages to the member, in the thread", async () => {
    const quiet = await mention(h, events, `${BOT} quote grants private`);
    expect(quiet.first.method).toBe("chat.postEphemeral");
    expect(quiet.first.params).toMatchObject({ channel: "C0GENERAL", user: MEMBER, thread_ts: quiet.thread });

    const typo = await mention(h, events, `${BOT} sumary`);
    expect(typo.first.method).toBe("chat.postEphemeral");
    expect(visibleText(typo.first.params)).toBe(":warning: Unknown command “sumary”. Did you mean /summary?");

    const both = await mention(h, events, `${BOT} summary full short`);
    expect(visibleText(both.first.params)).toBe(
      ":warning: /summary got both “full” and “short” for length; give one of them.",
    );
    const bare = await mention(h, events, `${BOT} article post news`, { user: MODERATOR.user_id });
    expect(visibleText(bare.first.params)).toMatch(/^:warning: Did you mean the channel #news\? /u);
    expect(h.fake.api.messages.filter((m) => visibleText({ ...m }).includes("news"))).toEqual([]);
  });

  it("a mention far too long to be a command gets one short private error in its thread", async () => {
    const long = await mention(h, events, `${BOT} quote ${"grants ".repeat(6_000)}`);
    expect(long.first.method).toBe("chat.postEphemeral");
    expect(visibleText(long.first.params)).toMatch(
      /^:warning: That is 42,000 characters after \/quote; commands take at most 2,000\./u,
    );
    expect(answersIn(h, long.thread)).toHaveLength(1);
  });

  it("other members' mentions in the text never fire, and nothing echoed pings anyone", async () => {
    // The bot is mentioned after someone else: only the words after its own mention count.
    const after = await mention(h, events, `<@U0OTHER> ${BOT} quote &lt;!here&gt; <@U0OTHER> <!channel>`);
    for (const c of answersIn(h, after.thread)) expect(firingMentions(c.params)).toEqual([]);
    expect(visibleText(after.first.params)).toContain("<@U0OTHER>");

    // Mentioned with nothing after: a private hint, nothing run.
    const bare = await mention(h, events, `thanks ${BOT}`);
    expect(bare.first.method).toBe("chat.postEphemeral");
    expect(visibleText(bare.first.params)).toMatch(
      /^Mention me with a command after my name, like @article_bot summary/u,
    );
  });

  it("ignores mentions that are not from a member: another bot, an edit, the bot itself", async () => {
    const ignored = [{ bot_id: "B0OTHER" }, { subtype: "message_changed" }, { user: FAKE_BOT.userId }];
    const threads: string[] = [];
    for (const fields of ignored) {
      const ts = h.fake.api.say("C0GENERAL", MEMBER, `${BOT} summary`);
      threads.push(ts);
      await events.send({ ...appMention(`${BOT} summary`, { ts }), ...fields });
    }
    // A member's mention after them is answered (the mention as Slack may write it, with the name);
    // theirs never were.
    const named = await mention(h, events, `<@${FAKE_BOT.userId}|article_bot> penalties`);
    expect(visibleBlocks(named.first.params)[0]).toMatch(/^Penalties Jeff Sessions announced/u);
    for (const thread of threads) expect(answersIn(h, thread)).toEqual([]);
  });

  it("answers an event Slack retries (same event_id) once", async () => {
    const text = `${BOT} quote grants`;
    const ts = h.fake.api.say("C0GENERAL", MEMBER, text);
    const event = appMention(text, { ts });
    const { eventId } = await events.send(event);
    await events.send(event, { eventId, retry: { num: 1, reason: "http_timeout" } });
    await events.send(event, { eventId, retry: { num: 2 } });
    await mention(h, events, `${BOT} penalties`);
    await h.fake.api.waitFor((c) => inThread(c, ts));
    expect(answersIn(h, ts)).toHaveLength(1);
  });

  it("@bot article post: members are refused privately; a moderator's posts the thread, notes in the mention's thread", async () => {
    const refused = await mention(h, events, `${BOT} article post`);
    expect(refused.first.method).toBe("chat.postEphemeral");
    expect(visibleText(refused.first.params)).toContain("Only moderators can run /article post");

    const before = h.fake.api.messages.length;
    const asked = await mention(h, events, `${BOT} article post confirm:false Read along`, {
      user: MODERATOR.user_id,
    });
    const last = await h.fake.api.waitFor(
      (c) => inThread(c, asked.thread) && /^Posted /u.test(visibleText(c.params)),
    );
    const notes = answersIn(h, asked.thread);
    for (const n of notes)
      expect(n).toMatchObject({ method: "chat.postEphemeral", params: { user: MODERATOR.user_id } });
    expect(visibleText(last.params)).toMatch(/^Posted the header and the article/u);
    // The thread itself: a new parent in the channel, the article in its replies, ending on how to ask.
    const posted = h.fake.api.messages.slice(before).filter((m) => m.user === FAKE_BOT.userId);
    const [parent, ...replies] = posted;
    expect(parent?.thread_ts).toBeUndefined();
    expect(visibleBlocks({ ...parent })[0]).toBe("Read along");
    const body = replies.map((r) => visibleBlocks({ ...r })[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
    expect(visibleText({ ...replies.at(-1) })).toContain(`Ask the bot here by mentioning it: ${BOT} summary`);
  });
});

describe.each(["http", "socket"] as const)("resuming by mention inside the thread (%s)", (mode) => {
  const h = useHarness(mode);
  const events = lazyEvents(mode, h);

  const FINAL = /^(Posted |Everything is already|Stopped |Could not )/u;
  async function postBy(text: string, thread?: string) {
    const asked = await mention(h, events, text, { user: MODERATOR.user_id, ...(thread ? { thread } : {}) });
    return h.fake.api.waitFor((c) => inThread(c, asked.thread) && FINAL.test(visibleText(c.params)));
  }

  it("@bot article post in a thread of its own title posts only what is missing there", async () => {
    let replies = 0;
    h.fake.api.failNext(
      "chat.postMessage",
      { status: 500 },
      { when: (p) => p.thread_ts !== undefined && ++replies === 2 },
    );
    const first = await postBy(`${BOT} article post confirm:false Talk it over`);
    expect(visibleText(first.params)).toMatch(/^Stopped at article part 2 of 2/u);
    const parent = h.fake.api.messages.find((m) => m.user === FAKE_BOT.userId && m.thread_ts === undefined);
    expect(visibleBlocks({ ...parent })[0]).toBe("Talk it over");

    // Asked bare in that thread: the thread's own title is used, so it is that thread that resumes.
    const again = await postBy(`${BOT} article post confirm:false`, parent?.ts);
    expect(visibleText(again.params)).toMatch(/^Posted article part 2 of 2, which was missing: 1 message\./u);
    const ours = h.fake.api.messages.filter((m) => m.user === FAKE_BOT.userId);
    expect(ours.filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    const body = ours.filter((m) => m.thread_ts === parent?.ts).map((r) => visibleBlocks({ ...r })[0]);
    expect(`${body.join("\n\n")}\n\n`).toBe(article.text);
  });
});

describe("dedupe keys", () => {
  it("an event's key is its workspace and event_id, whatever else its retry changes", () => {
    const event = appMention(`${BOT} help`);
    const first = eventCallback(event, { eventId: "Ev0RETRY" });
    const retry = { ...eventCallback(event, { eventId: "Ev0RETRY" }), event_time: 1 };
    expect(requestKey(retry)).toBe(requestKey(first));
    expect(requestKey(first)).toBe("slack:event:T0FAKE:Ev0RETRY");
    expect(requestKey(eventCallback(event, { eventId: "Ev0RETRY", team: "T0OTHER" }))).not.toBe(
      requestKey(first),
    );
  });
});

describe("mentions under the cooldown (http)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("http", { cooldown: { commands: 1, seconds: 60 } });
  });
  afterAll(() => h.close());

  it("counts a mention as a command: the second within the window gets the polite note", async () => {
    const events = eventsFor("http", h);
    const one = await mention(h, events, `${BOT} summary`);
    expect(one.first.method).toBe("chat.postMessage");
    const two = await mention(h, events, `${BOT} summary`);
    expect(two.first.method).toBe("chat.postEphemeral");
    expect(visibleText(two.first.params)).toMatch(
      /^You are sending commands faster than 1 every 60 seconds\./u,
    );
  });
});
