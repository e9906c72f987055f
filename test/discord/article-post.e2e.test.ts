import { describe, expect, it } from "vitest";
import { ChannelType, type InteractSpec, Permission } from "../fakes/discord/index.js";
import { article } from "../support/article.js";
import {
  ARTICLE_PARTS,
  articleShownIn,
  CLOSING,
  statusOf as content,
  isEphemeral,
  postArticle,
  shownText,
  useHarness,
} from "../support/discord.js";

const h = useHarness();

const FORBIDDEN = { code: 50013, message: "Missing Permissions" };
const post = (spec: Partial<InteractSpec> = {}) => postArticle(h.fake, spec);
const articleIn = (threadId: string) => articleShownIn(h.fake, threadId);

const everyMessageMentionsNoOne = (threadId: string) =>
  h.fake
    .messagesIn(threadId)
    .filter((m) => m.author.bot)
    .every((m) => JSON.stringify(m.body.allowed_mentions) === '{"parse":[]}');

describe("/article post", () => {
  it("two moderators at once in one channel: one thread, each part once; the second is told", async () => {
    const before = h.fake.threadsCreated().length;
    h.fake.failNext({ route: "POST /channels/:channel/threads", delayMs: 400 });
    // A title of its own: a re-run with the default title would find this test's thread later.
    const spec = { options: { title: "Two moderators at once" } };
    const [first, second] = await Promise.all([post(spec), post(spec)]);
    const created = h.fake.threadsCreated().slice(before);
    expect(created).toHaveLength(1);
    expect(articleIn(created[0]?.id ?? "")).toBe(article.text.trim());
    const statuses = [content(first), content(second)].sort();
    expect(statuses[0]).toBe(
      `Another /article post into <#${h.fake.state.ids.general}> is running right now, so nothing was posted. It reports when it is done; run /article post again after that if anything is missing.`,
    );
    expect(statuses[1]).toMatch(/^Posted the header and the article/u);
  });

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
    expect(messages.at(-1)?.body.content).toMatch(CLOSING);
    expect(everyMessageMentionsNoOne(thread?.id ?? "")).toBe(true);
    // Quick work needs no play-by-play: where it is going, then a last word that links to the thread.
    expect(r.edits.map((e) => String(e.content).replace(/\d{17,}/gu, "ID"))).toEqual([
      "Creating a thread in <#ID>…",
      expect.stringMatching(/^Posted /u),
    ]);
    expect(content(r)).toMatch(
      new RegExp(
        `^Posted the header and the article \\(\\d messages\\): ${messages.length} messages\\. The thread: <#${thread?.id}>$`,
        "u",
      ),
    );
    const creation = h.fake.requestsTo("POST /channels/:channel/threads").at(-1);
    expect(creation?.headers.auditLogReason).toBe(encodeURIComponent("/article post by moderator"));
  });

  it("shows progress about once a second while Discord is slow", async () => {
    const thread = h.fake.startThread("Slow");
    h.fake.failNext({ route: "POST /channels/:channel/messages", delayMs: 700, times: 3 });
    const r = await post({ channelId: thread });
    const edits = r.edits.map((e) => String(e.content));
    expect(edits[0]).toBe(`Checking which parts are already in <#${thread}>…`);
    expect(edits.slice(1, -1).length).toBeGreaterThan(0);
    for (const e of edits.slice(1, -1))
      expect(e).toMatch(new RegExp(`^Posting \\d of \\d+ in <#${thread}>…$`, "u"));
    expect(edits.at(-1)).toMatch(/^Posted the header and the article/u);
  });

  it("inside a thread: posts there and creates nothing", async () => {
    const before = h.fake.threadsCreated().length;
    const thread = h.fake.state.ids.thread;
    h.fake.say(thread, "What did he actually announce?");
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

  it("is not offered to members: Discord's client hides it (default_member_permissions)", () => {
    expect(() => h.fake.interact({ command: "article", subcommand: "post", as: "member" })).toThrow(
      /would not offer/u,
    );
  });

  // A server admin can open the command to everyone (Server Settings → Integrations); the bot checks
  // Manage Threads itself where the command runs and in any channel it names.
  const everyone = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES;
  it.each<[string, () => Partial<InteractSpec>]>([
    ["a member the admin let use it, in a channel", () => ({ as: "member", overridden: true })],
    [
      "a member the admin let use it, inside a thread",
      () => ({ as: "member", overridden: true, channelId: h.fake.state.ids.thread }),
    ],
    [
      "a member the admin let use it, naming a channel",
      () => ({ as: "member", overridden: true, options: { channel: h.fake.state.ids.news } }),
    ],
    [
      "a member who may manage threads only in the channel they name",
      () => ({
        as: "member",
        overridden: true,
        options: { channel: h.fake.state.ids.news },
        channelPermissions: { [h.fake.state.ids.news]: everyone | Permission.MANAGE_THREADS },
      }),
    ],
    [
      "a moderator naming a channel where they cannot manage threads",
      () => ({
        options: { channel: h.fake.state.ids.news },
        channelPermissions: { [h.fake.state.ids.news]: everyone },
      }),
    ],
    [
      "a moderator whose Manage Threads this channel's overwrites deny",
      () => ({ memberPermissions: everyone }),
    ],
  ])("refuses %s, privately; nothing is posted", async (_who, spec) => {
    const requests = h.fake.requests.length;
    const r = await post(spec());
    expect(r.response?.type).toBe(4);
    expect(isEphemeral(r)).toBe(true);
    expect(shownText(r)).toContain("Only moderators can run /article post. Nothing was posted.");
    const since = h.fake.requests.slice(requests).map((q) => q.route);
    expect(since).toEqual(["POST /interactions/:interaction/:token/callback"]);
  });

  it("accepts a server admin (Administrator implies Manage Threads)", async () => {
    const r = await post({ as: "admin", channelId: h.fake.startThread("Admin's thread") });
    expect(content(r)).toMatch(/^Posted/u);
  });

  it("says clearly when Discord refuses to create the thread (403 Missing Permissions); nothing is posted", async () => {
    h.fake.failNext({
      route: "POST /channels/:channel/threads",
      status: 403,
      body: { code: 50013, message: "Missing Permissions" },
    });
    const messages = h.fake.requestsTo("POST /channels/:channel/messages").length;
    // A title of its own: under the first test's title the bot would resume that thread.
    const r = await post({ options: { title: "Refused" } });
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
    const thread = h.fake.startThread("Part-way");
    h.fake.failNext({
      route: "POST /channels/:channel/messages",
      skip: 1,
      status: 403,
      body: { code: 50013, message: "Missing Permissions" },
    });
    const r = await post({ channelId: thread });
    expect(content(r)).toBe(
      [
        `Stopped at article part 1 of ${ARTICLE_PARTS} in <#${thread}>: the bot is missing a permission there (Discord: Missing Permissions).`,
        "Posted: the header.",
        `Not posted: the article (${ARTICLE_PARTS} messages).`,
        `Give the bot View Channel, Read Message History, Send Messages in Threads and Embed Links in <#${thread}>, then run /article post inside <#${thread}>: it posts only what is missing.`,
      ].join("\n"),
    );
    expect(h.fake.messagesIn(thread)).toHaveLength(1);
    const errors = h.logs.filter((l) => l.level >= 50 && l.interaction === r.id);
    expect(errors).toMatchObject([
      {
        msg: "posting to the thread failed",
        platform: "discord",
        command: "article post",
        part: 2,
        cause: { status: 403, code: 50013 },
      },
    ]);
  });

  it("run again in that thread, posts only what is missing, so the article is there once", async () => {
    const thread = h.fake.startThread("Finish it");
    h.fake.failNext({ route: "POST /channels/:channel/messages", skip: 2, status: 403, body: FORBIDDEN });
    await post({ channelId: thread });
    // Members talk in the thread meanwhile; one pastes a part of the article, which is not the bot's.
    h.fake.say(thread, "Where is the rest?");
    h.fake.say(thread, String(h.fake.messagesIn(thread)[1]?.body.content));
    const posts = h.fake.requestsTo("POST /channels/:channel/messages").length;

    const again = await post({ channelId: thread });
    expect(content(again)).toBe(
      `Posted article parts 2–${ARTICLE_PARTS} of ${ARTICLE_PARTS}, which were missing: ${ARTICLE_PARTS - 1} messages. Already there: the header and article part 1 of ${ARTICLE_PARTS}. The thread: <#${thread}>`,
    );
    expect(h.fake.requestsTo("POST /channels/:channel/messages").length - posts).toBe(ARTICLE_PARTS - 1);
    const bots = h.fake.messagesIn(thread).filter((m) => m.author.bot);
    expect(bots).toHaveLength(1 + ARTICLE_PARTS);
    expect(articleIn(thread)).toBe(article.text.trim());
  });

  it("run again where everything is there, says so and posts nothing", async () => {
    const thread = h.fake.startThread("Complete");
    await post({ channelId: thread });
    const posts = h.fake.requestsTo("POST /channels/:channel/messages").length;
    const again = await post({ channelId: thread });
    expect(content(again)).toBe(
      `Everything is already in <#${thread}>: the header and the article (${ARTICLE_PARTS} messages). Nothing was posted.`,
    );
    expect(h.fake.requestsTo("POST /channels/:channel/messages")).toHaveLength(posts);
  });

  it("finds its parts in a thread longer than one page of history", async () => {
    const thread = h.fake.startThread("Busy");
    await post({ channelId: thread });
    for (let i = 0; i < 250; i++) h.fake.say(thread, `comment ${i}`);
    const again = await post({ channelId: thread });
    expect(content(again)).toMatch(/^Everything is already in/u);
    const reads = h.fake
      .requestsTo("GET /channels/:channel/messages")
      .filter((q) => q.params.channel === thread);
    expect(reads.at(-1)?.query.before).toBeDefined();
  });

  it("a new thread that fails at its first message says how to finish it, inside that thread", async () => {
    h.fake.failNext({ route: "POST /channels/:channel/messages", status: 403, body: FORBIDDEN });
    const r = await post({ options: { title: "Fails at its header" } });
    const thread = h.fake.threadsCreated().at(-1)?.id;
    expect(content(r)).toBe(
      [
        `Stopped at the header in <#${thread}>: the bot is missing a permission there (Discord: Missing Permissions).`,
        "Nothing is posted yet.",
        `Not posted: the header and the article (${ARTICLE_PARTS} messages).`,
        `Give the bot View Channel, Create Public Threads, Send Messages in Threads and Embed Links in <#${thread}>, then run /article post inside <#${thread}>: it posts only what is missing.`,
      ].join("\n"),
    );
  });

  it("refuses to post into a thread whose history it cannot read, rather than post it all again", async () => {
    const thread = h.fake.startThread("No history");
    h.fake.denyBot(thread, Permission.READ_MESSAGE_HISTORY);
    const r = await post({ channelId: thread });
    expect(content(r)).toBe(
      `The bot cannot post in <#${thread}>: it lacks Read Message History there. A server admin can grant them to the bot's role in that channel's permissions. Nothing was posted.`,
    );
    expect(h.fake.messagesIn(thread)).toEqual([]);
  });

  it("says so when it cannot read the thread; nothing is posted", async () => {
    const thread = h.fake.startThread("Unreadable");
    h.fake.failNext({
      route: "GET /channels/:channel/messages",
      status: 403,
      body: { code: 50001, message: "Missing Access" },
    });
    const r = await post({ channelId: thread });
    expect(content(r)).toBe(
      `Could not read <#${thread}> to see which parts are already there: the bot cannot see that channel (Discord: Missing Access). Nothing was posted. Try again in a minute.`,
    );
    expect(h.fake.messagesIn(thread)).toEqual([]);
    expect(h.logs.filter((l) => l.level >= 50 && l.interaction === r.id)).toMatchObject([
      { msg: "reading the thread failed", platform: "discord", command: "article post" },
    ]);
  });

  it("explains where it cannot work: a voice channel's chat", async () => {
    const r = await post({ channelId: h.fake.state.ids.voice });
    expect(content(r)).toMatch(/^\/article post works in a text or announcement channel/u);
  });
});
