import { describe, expect, it } from "vitest";
import {
  ChannelType,
  type InteractionRecord,
  type InteractSpec,
  Permission,
} from "../fakes/discord/index.js";
import { plain } from "../fakes/discord/markdown.js";
import { article } from "../support/article.js";
import { isEphemeral, shownText, useHarness } from "../support/discord.js";

const h = useHarness();

const FINISHED = /^(Posted|Could not|Stopped|The bot cannot|Only moderators|\/article post works)/u;
const content = (r: InteractionRecord) => String(r.original?.content ?? "");

/** Runs /article post and waits for the moderator's status line to reach its final text. */
async function post(spec: Partial<InteractSpec> = {}): Promise<InteractionRecord> {
  const handle = h.fake.interact({ command: "article", subcommand: "post", as: "moderator", ...spec });
  const answered = await handle.answered();
  if (answered.response?.type === 4) return answered;
  return handle.until((r) => FINISHED.test(content(r)), "the final status");
}

/** The thread's messages as a member reads them: the article parts un-escaped and joined. */
function articleIn(threadId: string): string {
  return h.fake
    .messagesIn(threadId)
    .map((m) => m.body)
    .filter(
      (b) => typeof b.content === "string" && !String(b.content).startsWith("That is the whole article"),
    )
    .map((b) => plain(String(b.content)))
    .join("\n\n");
}

const everyMessageMentionsNoOne = (threadId: string) =>
  h.fake.messagesIn(threadId).every((m) => JSON.stringify(m.body.allowed_mentions) === '{"parse":[]}');

describe("/article post", () => {
  it("in a text channel: starts a public thread named after the article and posts it whole", async () => {
    const before = h.fake.threadsCreated().length;
    const r = await post();
    expect(r.response?.type).toBe(5);
    expect(isEphemeral(r)).toBe(true);
    const thread = h.fake.threadsCreated()[before];
    expect(thread).toMatchObject({
      type: ChannelType.PUBLIC_THREAD,
      name: article.title,
      parent_id: h.fake.state.ids.general,
    });
    const messages = h.fake.messagesIn(thread?.id ?? "");
    const header = messages[0]?.body.embeds as { title?: string }[];
    expect(header[0]?.title).toBe(article.title);
    expect(articleIn(thread?.id ?? "")).toBe(article.text.trim());
    expect(messages.at(-1)?.body.content).toMatch(/^That is the whole article/u);
    expect(everyMessageMentionsNoOne(thread?.id ?? "")).toBe(true);
    // Progress, then a last word that links to the thread.
    const edits = r.edits.map((e) => String(e.content));
    expect(edits.some((e) => /^Posting \d of \d+ in <#\d+>…$/u.test(e))).toBe(true);
    expect(content(r)).toMatch(
      new RegExp(
        `^Posted the header, the article \\(\\d messages\\) and the closing line: ${messages.length} messages\\. The thread: <#${thread?.id}>$`,
        "u",
      ),
    );
    const creation = h.fake.requestsTo("POST /channels/:channel/threads").at(-1);
    expect(creation?.headers.auditLogReason).toBe(encodeURIComponent("/article post by moderator"));
  });

  it("inside a thread: posts there and creates nothing", async () => {
    const before = h.fake.threadsCreated().length;
    const thread = h.fake.state.ids.thread;
    const r = await post({ channelId: thread });
    expect(h.fake.threadsCreated()).toHaveLength(before);
    expect(articleIn(thread)).toBe(article.text.trim());
    expect(everyMessageMentionsNoOne(thread)).toBe(true);
    expect(content(r)).toMatch(new RegExp(`The thread: <#${thread}>$`, "u"));
  });

  it("with channel: and title: starts the thread there, under that title (announcement threads in news)", async () => {
    const r = await post({ options: { channel: h.fake.state.ids.news, title: "Read along" } });
    const thread = h.fake.threadsCreated().at(-1);
    expect(thread).toMatchObject({
      type: ChannelType.ANNOUNCEMENT_THREAD,
      name: "Read along",
      parent_id: h.fake.state.ids.news,
    });
    expect(content(r)).toMatch(/^Posted/u);
  });

  it("refuses a member, even when an admin let members use the command; nothing is posted", async () => {
    expect(() => h.fake.interact({ command: "article", subcommand: "post", as: "member" })).toThrow(
      /would not offer/u,
    );
    const requests = h.fake.requests.length;
    const r = await post({ as: "member", overridden: true });
    expect(r.response?.type).toBe(4);
    expect(isEphemeral(r)).toBe(true);
    expect(plain(JSON.stringify(r.response?.data?.embeds))).toContain(
      "Only moderators can run /article post. Nothing was posted.",
    );
    const since = h.fake.requests.slice(requests).map((q) => q.route);
    expect(since).toEqual(["POST /interactions/:interaction/:token/callback"]);
  });

  it("accepts a server admin (Administrator implies Manage Threads)", async () => {
    const r = await post({ as: "admin", channelId: h.fake.state.ids.thread });
    expect(content(r)).toMatch(/^Posted/u);
  });

  it("refuses a moderator naming a channel where they cannot manage threads", async () => {
    const r = await post({
      options: { channel: h.fake.state.ids.news },
      channelPermissions: { [h.fake.state.ids.news]: Permission.VIEW_CHANNEL },
    });
    expect(shownText(r)).toContain("Only moderators");
  });

  it("says clearly when Discord refuses to create the thread (403 Missing Permissions); nothing is posted", async () => {
    h.fake.failNext({
      route: "POST /channels/:channel/threads",
      status: 403,
      body: { code: 50013, message: "Missing Permissions" },
    });
    const messages = h.fake.requestsTo("POST /channels/:channel/messages").length;
    const r = await post();
    const general = h.fake.state.ids.general;
    expect(content(r)).toBe(
      `Could not create a thread in <#${general}>: the bot is missing a permission there (Discord: Missing Permissions). Nothing was posted. Give the bot View Channel, Create Public Threads, Send Messages in Threads and Embed Links in <#${general}>, or run /article post inside an existing thread.`,
    );
    expect(h.fake.requestsTo("POST /channels/:channel/messages")).toHaveLength(messages);
    const logged = h.logs.find((l) => l.msg === "thread creation failed");
    expect(logged).toMatchObject({
      platform: "discord",
      command: "article post",
      cause: { status: 403, code: 50013 },
    });
  });

  it("checks the bot's own permissions first, so no empty thread is left behind", async () => {
    // Discord tells the bot through CHANNEL_UPDATE, and computes app_permissions with it.
    h.fake.denyBot(h.fake.state.ids.news, Permission.CREATE_PUBLIC_THREADS);
    const threads = h.fake.requestsTo("POST /channels/:channel/threads").length;
    const r = await post({ channelId: h.fake.state.ids.news });
    expect(content(r)).toBe(
      `The bot cannot post in <#${h.fake.state.ids.news}>: it lacks Create Public Threads there. A server admin can grant them to the bot's role in that channel's permissions. Nothing was posted.`,
    );
    expect(h.fake.requestsTo("POST /channels/:channel/threads")).toHaveLength(threads);
    h.fake.denyBot(h.fake.state.ids.news, 0n);
  });

  it("says exactly what was and was not posted when Discord refuses part-way", async () => {
    const thread = h.fake.state.ids.thread;
    h.fake.failNext({
      route: "POST /channels/:channel/messages",
      skip: 1,
      status: 403,
      body: { code: 50013, message: "Missing Permissions" },
    });
    const r = await post({ channelId: thread });
    expect(content(r)).toMatch(
      new RegExp(
        `^Stopped at message 2 of \\d+ in <#${thread}>: the bot is missing a permission there \\(Discord: Missing Permissions\\)\\.\\nPosted: the header\\.\\nNot posted: the article \\(\\d messages\\) and the closing line\\.\\nGive the bot`,
        "u",
      ),
    );
  });

  it("explains where it cannot work: a voice channel's chat", async () => {
    const r = await post({ channelId: h.fake.state.ids.voice });
    expect(content(r)).toMatch(/^\/article post works in a text or announcement channel/u);
  });
});
