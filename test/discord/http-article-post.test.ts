import { describe, expect, it } from "vitest";
import { buttonsOf, press } from "../fakes/discord/components.js";
import { article } from "../support/article.js";
import { ARTICLE_PARTS, articleShownIn, isEphemeral, postArticle, statusOf } from "../support/discord.js";
import { useHttpHarness } from "../support/discord-http.js";

/**
 * /article post over HTTP interactions: the deferral and the button presses' first answers go in
 * the HTTP responses; the status line's edits, the thread and its messages through discord.js
 * REST, exactly as in gateway mode.
 */
const CALLBACK = "POST /interactions/:interaction/:token/callback";
const FINAL = /^(Posted|Everything|Could not|Stopped)/u;

describe("/article post over HTTP interactions", () => {
  const h = useHttpHarness();

  it("confirm:false defers in the HTTP response, then posts the whole article in a new thread", async () => {
    const r = await postArticle(h.fake, { options: { title: "Over HTTP" } });
    expect(r.response?.type).toBe(5);
    expect(isEphemeral(r)).toBe(true);
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    const [thread] = h.fake.threadsCreated().filter((t) => t.name === "Over HTTP");
    expect(h.fake.messagesIn(thread?.id ?? "")).toHaveLength(ARTICLE_PARTS + 1);
    expect(articleShownIn(h.fake, thread?.id ?? "")).toBe(article.text.trim());
    expect(h.fake.requestsTo(CALLBACK)).toEqual([]);
  });

  it("the preview's Post button, pressed as a signed component interaction, posts the thread", async () => {
    const r = await h.fake
      .interact({ command: "article", subcommand: "post", as: "moderator", options: { title: "Previewed" } })
      .until((x) => buttonsOf(x.original).length === 2, "the preview");
    const post = buttonsOf(r.original).find((b) => b.label === "Post")?.custom_id ?? "";
    const pressed = await press(h.fake, r, { customId: post }).answered();
    expect(pressed.response?.type).toBe(7);
    await h.fake.waitFor(() => FINAL.test(statusOf(r)), "the final status");
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    expect(buttonsOf(r.original)).toEqual([]);
    expect(h.fake.threadsCreated().filter((t) => t.name === "Previewed")).toHaveLength(1);
    expect(h.fake.requestsTo(CALLBACK)).toEqual([]);
  });
});

describe("an answer that takes longer than the deferral allows", () => {
  let release: () => void = () => undefined;
  const gate = () => new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
  // The test holds the command in a check until Discord has been sent the deferral.
  const h = useHttpHarness({
    deferAfterMs: 20,
    adjust: (bot) => ({ ...bot, checks: [gate, ...bot.checks] }),
  });

  it("gets Discord a private deferral in time, and the late answer edits it", async () => {
    const handle = h.fake.interact({ command: "quote", options: { topic: "grants" } });
    const deferred = await handle.answered();
    expect(deferred.response).toMatchObject({ type: 5, data: { flags: 64 } });
    release();
    const r = await handle.until((x) => x.edits.length > 0, "the edit");
    const embeds = (r.original?.embeds ?? []) as { description?: string }[];
    expect(embeds.length).toBeGreaterThan(0);
    expect(h.fake.requestsTo(CALLBACK)).toEqual([]);
    expect(h.logs.some((l) => /no answer in time/u.test(l.msg))).toBe(true);
  });
});
