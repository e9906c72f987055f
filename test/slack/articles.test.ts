/**
 * Added articles on Slack, through the real Bolt HTTP receiver against the fake: a moderator adds
 * a real page served from 127.0.0.1, typed as Slack sends a link (`<https://…|label>`); a slow
 * site gets "Working on it…" in the ack and the answer on the response_url; then /article list
 * and /article use; members are refused, and a bad link is one short ephemeral sentence.
 */
import { describe, expect, it } from "vitest";
import { MEMBER, visibleText } from "../fakes/slack/index.js";
import { localIngest, useStorySite } from "../support/article-pages.js";
import { MODERATOR, useHarness } from "../support/slack-harness.js";

const site = useStorySite();

describe("Slack: /article add, list and use", () => {
  const h = useHarness("http", { records: true, ingest: localIngest });

  /** The command's answer: in the ack, or (after "Working on it…") the next one on its response_url. */
  const answerTo = async (text: string, who = MODERATOR) => {
    const answer = await h.slack.command("/article", { text, ...who });
    const acked = visibleText(answer.ack ?? {});
    if (!acked.includes("Working on it")) return { answer, text: acked, deferred: false };
    const later = await h.fake.api.waitFor(
      (c) => c.responseUrl === answer.responseUrl && !visibleText(c.params).includes("Working on it"),
    );
    return { answer, text: visibleText(later.params), deferred: true };
  };

  it("adds a page whose link Slack escaped: acked at once, answered on the response_url", async () => {
    // Acked before the fetch and the build, which could hold up a timer past Slack's 3 seconds.
    const quick = await answerTo(`add <${site.url("/story")}|story>`);
    expect(quick.deferred).toBe(true);
    expect(quick.text).toMatch(/Added: Student Dies After Diet Pills/u);
    expect(quick.text).toContain("student-dies-after-diet-pills");

    const slow = await answerTo(`add <${site.url("/slow-story")}>`);
    expect(slow.deferred).toBe(true);
    expect(slow.answer.ack?.response_type).toBe("ephemeral");
    expect(slow.text).toMatch(/Added: Student Dies After Diet Pills/u);
    expect(slow.text).toContain("student-dies-after-diet-pills-2");
  });

  it("lists this workspace's articles and makes one the channel's", async () => {
    const list = await answerTo("list");
    expect(list.text.indexOf("sessions:")).toBeLessThan(list.text.indexOf("student-dies-after-diet-pills:"));
    const use = await answerTo("use student-dies-after-diet-pills");
    expect(use.text).toContain("(student-dies-after-diet-pills)");
    expect((await answerTo("history")).text).toMatch(/article use finished/u);
  });

  it("answers /quote in that channel for it, under each speaker's name; article:sessions for the shipped one", async () => {
    const quote = await h.slack.command("/quote", { text: "pills speaker:Parry", ...MEMBER });
    expect(quote.ack?.response_type).toBe("in_channel");
    expect(visibleText(quote.ack ?? {})).toMatch(/Fiona Parry on “pills”/u);
    const shipped = await h.slack.command("/quote", { text: "grants article:sessions", ...MEMBER });
    expect(visibleText(shipped.ack ?? {})).toMatch(/Jeff Sessions on “grants”/u);
    const penalties = await h.slack.command("/penalties", { text: "", ...MEMBER });
    expect(visibleText(penalties.ack ?? {})).toMatch(
      /Only the shipped Sessions article has a curated penalty list/u,
    );
  });

  it("posts an added article short: the header with its summary and quotes, then the closing line", async () => {
    const answer = await h.slack.command("/article", { text: "post confirm:false", ...MODERATOR });
    const notes = () =>
      h.fake.api.calls.filter((c) => c.responseUrl === answer.responseUrl).map((c) => visibleText(c.params));
    await h.fake.api.waitFor(
      (c) => c.responseUrl === answer.responseUrl && /^Posted /u.test(visibleText(c.params)),
    );
    expect(notes().join("\n")).toMatch(
      /a parent message with the summary and key quotes, then a closing line/u,
    );
    const posted = h.fake.api.callsTo("chat.postMessage").map((c) => visibleText(c.params));
    expect(posted).toHaveLength(2);
    expect(posted[0]).toContain(site.url("/story"));
    expect(posted[0]).toMatch(/Fiona Parry/u);
    expect(posted[1]).toContain(`Read the whole article at ${site.url("/story")}`);
  });

  it("refuses members, and answers a bad link with one short sentence", async () => {
    expect((await answerTo(`add ${site.url("/story")}`, MEMBER)).text).toContain(
      "Only moderators can run /article add",
    );
    const bad = await answerTo("add ftp://example.com/story");
    expect(bad.text).toMatch(/Could not fetch/u);
    expect(bad.text.length).toBeLessThan(300);
  });
});
