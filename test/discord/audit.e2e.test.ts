/**
 * The moderator records on Discord, end to end through the real discord.js client against the
 * fake: /article post is in the audit log (asked, then finished), /article history lists this
 * server's entries newest first with mentions that ping nobody, and a re-run finds its thread
 * through the store, or on Discord again when the remembered thread was deleted.
 */
import { describe, expect, it } from "vitest";
import { embedsOf, isEphemeral, postArticle, statusOf, useHarness } from "../support/discord.js";

const h = useHarness({}, { records: true });

async function history(as: "moderator" | "member" = "moderator") {
  const r = await h.fake.interact({ command: "article", subcommand: "history", as }).answered();
  expect(isEphemeral(r)).toBe(true);
  expect(r.response?.data?.allowed_mentions).toEqual({ parse: [] });
  return embedsOf(r)
    .map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)
    .join("\n");
}

describe("Discord: the audit log and /article history", () => {
  it("says so when nothing is recorded yet, and refuses members", async () => {
    expect(await history()).toContain("No /article post has been recorded in this workspace or server yet.");
    const r = await h.fake
      .interact({ command: "article", subcommand: "history", as: "member", overridden: true })
      .answered();
    expect(JSON.stringify(r.response?.data)).toContain("Only moderators can run /article history");
  });

  it("records a post as asked then finished, shown newest first with who and where", async () => {
    const r = await postArticle(h.fake);
    expect(statusOf(r)).toMatch(/^Posted /u);
    const shown = await history();
    const { moderator } = h.fake.state.people;
    const lines = shown.split("\n").filter((l) => l.startsWith("- "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^- \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC · <@${moderator.id}> · <#${h.fake.state.ids.general}> · finished: \\d+ of \\d+ parts posted$`,
        "u",
      ),
    );
    expect(lines[1]).toMatch(/ · asked$/u);
  });

  it("a re-run finds the thread through the store, without listing the server's threads", async () => {
    const listed = h.fake.requestsTo("GET /guilds/:guild/threads/active").length;
    const r = await postArticle(h.fake);
    expect(statusOf(r)).toMatch(/^Everything is already in /u);
    expect(h.fake.requestsTo("GET /guilds/:guild/threads/active").length).toBe(listed);
  });

  it("a remembered thread deleted on Discord is not used: the re-run starts a new one", async () => {
    const [thread] = h.fake.threadsCreated();
    h.fake.state.channels.delete(thread?.id ?? "");
    const r = await postArticle(h.fake);
    expect(statusOf(r)).toMatch(/^Posted /u);
    // The deleted one is gone from the server; the new one is there, under the same title.
    const [fresh] = h.fake.threadsCreated();
    expect(fresh?.id).not.toBe(thread?.id);
    expect(fresh?.name).toBe(thread?.name);
    expect(await history()).toMatch(
      /finished: \d+ of \d+ parts posted[\s\S]*finished: all \d+ parts were already there/u,
    );
  });

  it("a post the bot cannot make there is asked, then failed, with why", async () => {
    const r = await postArticle(h.fake, { options: { channel: h.fake.state.ids.voice } });
    expect(statusOf(r)).toMatch(/^\/article post works in a text or announcement channel/u);
    const [failed, asked] = (await history()).split("\n").filter((l) => l.startsWith("- "));
    expect(failed).toMatch(/ · failed: the bot cannot post there; nothing posted$/u);
    expect(asked).toMatch(new RegExp(` · asked: into ${h.fake.state.ids.voice}$`, "u"));
  });
});
