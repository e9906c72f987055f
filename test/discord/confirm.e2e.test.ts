import { describe, expect, it } from "vitest";
import { renderThread } from "../../src/adapters/discord/render/thread.js";
import type { ThreadPlan } from "../../src/core/reply.js";
import { buttonsOf, press } from "../fakes/discord/components.js";
import type { InteractionRecord } from "../fakes/discord/index.js";
import { article, run } from "../support/article.js";
import { ManualClock } from "../support/clock.js";
import { isEphemeral, postArticle, statusOf, useHarness } from "../support/discord.js";

/** /article post's preview and its Post and Cancel buttons, through discord.js against the fake. */
const TTL = 60_000;
const clock = new ManualClock();
const h = useHarness({}, { confirm: { clock, ttlMs: TTL } });

const plan = run("article", {}, { subcommand: "post" }) as ThreadPlan;
const MESSAGES = renderThread(plan, article).length;

/** Runs /article post with the preview (each test its own title, so each is a thread of its own). */
async function preview(title: string): Promise<InteractionRecord> {
  const handle = h.fake.interact({
    command: "article",
    subcommand: "post",
    as: "moderator",
    options: { title },
  });
  return handle.until((r) => buttonsOf(r.original).length === 2, "the preview");
}

const idOf = (r: InteractionRecord, label: string): string => {
  const found = buttonsOf(r.original).find((b) => b.label === label)?.custom_id;
  if (!found) throw new Error(`no ${label} button`);
  return found;
};

const threadsNamed = (name: string) => h.fake.threadsCreated().filter((t) => t.name === name);
const FINAL = /^(Posted|Everything|Could not|Stopped)/u;

describe("/article post preview on Discord", () => {
  it("shows the moderator, privately, the thread, the channel, the message count and the header card", async () => {
    const r = await preview("Preview only");
    expect(isEphemeral(r)).toBe(true);
    const shown = statusOf(r);
    expect(shown).toContain("Ready to post “Preview only” in <#");
    expect(shown).toContain(`<#${h.fake.state.ids.general}> (a new thread): ${MESSAGES} messages`);
    expect(shown).toContain("The buttons work for 1 minute");
    const embeds = r.original?.embeds as { title?: string; description?: string }[];
    expect(embeds[0]?.title).toBe(article.title);
    expect(embeds[0]?.description).toContain("tl;dr:");
    expect(buttonsOf(r.original).map((b) => b.label)).toEqual(["Post", "Cancel"]);
    expect(threadsNamed("Preview only")).toEqual([]);
    await press(h.fake, r, { customId: idOf(r, "Cancel") }).answered();
  });

  it("Post posts the thread, and the preview becomes the post's status line", async () => {
    const r = await preview("Confirmed");
    const pressed = press(h.fake, r, { customId: idOf(r, "Post") });
    expect((await pressed.answered()).response?.type).toBe(7);
    await h.fake.waitFor(() => FINAL.test(statusOf(r)), "the final status");
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    expect(buttonsOf(r.original)).toEqual([]);
    expect(r.original?.embeds).toEqual([]);
    const [thread] = threadsNamed("Confirmed");
    expect(h.fake.messagesIn(thread?.id ?? "")).toHaveLength(MESSAGES);
  });

  it("Cancel posts nothing and says so", async () => {
    const r = await preview("Cancelled");
    const pressed = await press(h.fake, r, { customId: idOf(r, "Cancel") }).answered();
    expect(pressed.response?.type).toBe(7);
    expect(statusOf(r)).toBe("Cancelled; nothing was posted.");
    expect(buttonsOf(r.original)).toEqual([]);
    expect(threadsNamed("Cancelled")).toEqual([]);
  });

  it("refuses someone else's press privately and leaves the preview to its moderator", async () => {
    const r = await preview("Not yours");
    const other = await press(h.fake, r, { customId: idOf(r, "Post"), as: "admin" }).answered();
    expect(other.response?.type).toBe(4);
    expect(isEphemeral(other)).toBe(true);
    expect(other.response?.data?.content).toBe(
      `Only ${h.fake.state.people.moderator.username} can confirm this post.`,
    );
    expect(buttonsOf(r.original)).toHaveLength(2);
    expect(threadsNamed("Not yours")).toEqual([]);
    await press(h.fake, r, { customId: idOf(r, "Cancel") }).answered();
    expect(statusOf(r)).toBe("Cancelled; nothing was posted.");
  });

  it("a press after the buttons expired posts nothing and says to run it again", async () => {
    const r = await preview("Too late");
    // The expiry edit has not run yet (Discord's client still shows the buttons).
    clock.advance(TTL, { run: false });
    const late = await press(h.fake, r, { customId: idOf(r, "Post") }).answered();
    expect(late.response?.type).toBe(7);
    expect(statusOf(r)).toBe("This preview expired; run /article post again.");
    expect(threadsNamed("Too late")).toEqual([]);
    clock.advance(0);
  });

  it("an expired preview is edited to say so, buttons gone", async () => {
    const r = await preview("Left alone");
    clock.advance(TTL);
    await h.fake.waitFor(() => statusOf(r).startsWith("This preview expired"), "the expiry edit");
    expect(buttonsOf(r.original)).toEqual([]);
    expect(threadsNamed("Left alone")).toEqual([]);
  });

  it("Post pressed twice at once posts once; the other press is told", async () => {
    const r = await preview("Twice");
    const customId = idOf(r, "Post");
    const [a, b] = await Promise.all([
      press(h.fake, r, { customId }).answered(),
      press(h.fake, r, { customId }).answered(),
    ]);
    const types = [a.response?.type, b.response?.type].sort();
    expect(types).toEqual([4, 7]);
    const told = a.response?.type === 4 ? a : b;
    expect(told.response?.data?.content).toBe("This preview was already used: nothing more happens.");
    await h.fake.waitFor(() => FINAL.test(statusOf(r)), "the final status");
    expect(threadsNamed("Twice")).toHaveLength(1);
    // Post after the post: Discord's client no longer shows the button; a stale one changes nothing.
    const stale = await press(h.fake, r, { customId, unchecked: true }).answered();
    expect(stale.response?.data?.content).toBe("This preview was already used: nothing more happens.");
    expect(threadsNamed("Twice")).toHaveLength(1);
  });

  it("confirm:false posts at once, with no preview", async () => {
    const r = await postArticle(h.fake, { options: { title: "Scripted", confirm: false } });
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    expect(r.edits.some((e) => e.components !== undefined)).toBe(false);
    expect(threadsNamed("Scripted")).toHaveLength(1);
  });
});
