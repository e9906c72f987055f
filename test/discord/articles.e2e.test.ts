/**
 * Added articles on Discord, through the real discord.js client against the fake: a moderator
 * adds a real page served from 127.0.0.1 (deferred as the command arrives, before the page is
 * fetched and built, then the answer edits the deferral), lists the server's articles and makes one the channel's;
 * members are refused; a bad link is one short private sentence.
 */
import { describe, expect, it } from "vitest";
import type { InteractionRecord } from "../fakes/discord/index.js";
import { localIngest, useStorySite } from "../support/article-pages.js";
import { embedsOf, isEphemeral, useHarness } from "../support/discord.js";

const site = useStorySite();
const h = useHarness({}, { records: true, ingest: localIngest });

const shown = (data: Record<string, unknown> | undefined) =>
  ((data?.embeds ?? []) as { title?: string; description?: string; footer?: { text: string } }[])
    .map((e) => [e.title, e.description, e.footer?.text].filter(Boolean).join("\n"))
    .join("\n");

const add = (url: string) =>
  h.fake.interact({ command: "article", subcommand: "add", options: { url }, as: "moderator" });

/** The answer shown, whether it was the reply or (after a deferral) the edit of it. */
const settled = (r: InteractionRecord) =>
  ((r.original?.embeds as unknown[] | undefined)?.length ?? 0) > 0 || r.response?.type === 4;
const answerOf = (r: InteractionRecord) => (r.response?.type === 4 ? r.response.data : r.original);

describe("Discord: /article add, list and use", () => {
  it("defers as it arrives, adds the page and says what it found; the same page again is the same article", async () => {
    const r = await add(site.url("/story")).until(settled, "the answer");
    // Deferred before the page was even asked for, so no fetch or build can hold the deferral up.
    expect(r.response?.type).toBe(5);
    expect(r.response?.at).toBeLessThan(site.arrivals("/story")[0] ?? Number.NaN);
    expect(isEphemeral(r)).toBe(true);
    expect(r.callbacks).toBe(1);
    const text = shown(answerOf(r));
    expect(text).toMatch(/^Added: Student Dies After Diet Pills/mu);
    expect(text).toContain("Its short name is student-dies-after-diet-pills.");
    expect(text).toMatch(/8 attributed quotes by 2 people/u);
    const again = await add(site.url("/story")).until(settled, "the answer");
    expect(shown(answerOf(again))).toMatch(/^Already added: Student Dies After Diet Pills/mu);
  });

  it("defers for a slow site, then edits the deferral with the answer", async () => {
    const handle = add(site.url("/slow-story"));
    const r = await handle.until(settled, "the edited answer");
    // The deferral (type 5, private) went out in time; the answer edited it.
    expect(r.response?.type).toBe(5);
    expect(r.callbacks).toBe(1);
    // The same text from another address is another article, under the next free name.
    expect(shown(r.original)).toMatch(/^Added: Student Dies After Diet Pills/mu);
    expect(shown(r.original)).toContain("Its short name is student-dies-after-diet-pills-2.");
    expect(site.seen("/slow-story")).toHaveLength(1);
  });

  it("lists the server's articles and makes one the channel's", async () => {
    const list = await h.fake
      .interact({ command: "article", subcommand: "list", as: "moderator" })
      .answered();
    expect(isEphemeral(list)).toBe(true);
    const listed = shown(list.response?.data);
    expect(listed).toMatch(/^3 articles$/mu);
    expect(listed.indexOf("sessions:")).toBeLessThan(listed.indexOf("student-dies-after-diet-pills:"));

    const use = await h.fake
      .interact({
        command: "article",
        subcommand: "use",
        options: { name: "student-dies-after-diet-pills" },
        as: "moderator",
      })
      .answered();
    expect(shown(use.response?.data)).toContain("(student-dies-after-diet-pills)");
    const history = await h.fake
      .interact({ command: "article", subcommand: "history", as: "moderator" })
      .answered();
    expect(
      embedsOf(history)
        .map((e) => e.description)
        .join("\n"),
    ).toMatch(/article use finished/u);
  });

  it("answers /quote and /summary in that channel for it, and elsewhere for the shipped article", async () => {
    const quote = await h.fake.interact({ command: "quote", options: { topic: "pills" } }).answered();
    expect(isEphemeral(quote)).toBe(false);
    const shownQuote = shown(quote.response?.data);
    expect(shownQuote).toMatch(/Fiona Parry/u);
    expect(shownQuote).not.toMatch(/Sessions/u);
    const summary = await h.fake.interact({ command: "summary" }).answered();
    expect(shown(summary.response?.data)).toMatch(/Extracted automatically/u);
    // Another channel, or naming the shipped article, still answers for Sessions.
    const news = await h.fake
      .interact({ command: "quote", options: { topic: "grants" }, channelId: h.fake.state.ids.news })
      .answered();
    expect(shown(news.response?.data)).toMatch(/^Jeff Sessions on “grants”/mu);
    const named = await h.fake
      .interact({ command: "penalties", options: { article: "sessions" } })
      .answered();
    expect(shown(named.response?.data)).toMatch(/^Penalties Jeff Sessions announced/mu);
  });

  it("completes the article option from this server's articles, and speaker from the article's people", async () => {
    const articles = await h.fake
      .interact({ command: "quote", options: { article: "stud" }, focused: "article" })
      .answered();
    // Newest first, as /article list shows them; "sessions" does not start with "stud".
    expect(articles.response?.data?.choices).toEqual([
      { name: "student-dies-after-diet-pills-2", value: "student-dies-after-diet-pills-2" },
      { name: "student-dies-after-diet-pills", value: "student-dies-after-diet-pills" },
    ]);
    const speakers = await h.fake
      .interact({ command: "quote", options: { speaker: "j" }, focused: "speaker" })
      .answered();
    expect(speakers.response?.data?.choices).toEqual([
      { name: "Jennifer Mattinson", value: "Jennifer Mattinson" },
    ]);
  });

  it("refuses members, and answers a bad link with one short private sentence", async () => {
    const member = await h.fake
      .interact({
        command: "article",
        subcommand: "add",
        options: { url: site.url("/story") },
        as: "member",
        overridden: true,
      })
      .until(settled, "the refusal");
    expect(JSON.stringify(answerOf(member))).toContain("Only moderators can run /article add");

    const bad = await add("ftp://example.com/story").until(settled, "the refusal");
    expect(isEphemeral(bad)).toBe(true);
    const said = shown(answerOf(bad));
    expect(said).toMatch(/^Could not fetch/u);
    expect(said.split("\n")).toHaveLength(1);
    expect(said.length).toBeLessThan(300);
  });
});
