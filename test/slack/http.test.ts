import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  firingMentions,
  MEMBER,
  postSigned,
  type SignOptions,
  signature,
  slashCommandPayload,
  visibleBlocks,
  visibleText,
} from "../fakes/slack/index.js";
import { article } from "../support/article.js";
import { ADMIN, type Harness, SECRET, startHarness } from "../support/slack-harness.js";

/** HTTP mode: the real Bolt receiver on a local port gets slash commands signed as Slack signs them. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness("http");
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.api.problems).toEqual([]);
});

const passage = (n: number) => {
  const q = article.quotes[n - 1];
  return article.text.slice(q?.start, q?.end);
};

/** The command's immediate answer (its ack), checked for mentions that could fire. */
async function ask(line: string, fields = {}) {
  const answer = await h.slack.command(line, fields);
  expect(answer.status).toBe(200);
  const ack = answer.ack ?? {};
  expect(firingMentions(ack)).toEqual([]);
  return { ...answer, ack, shown: visibleText(ack), header: visibleBlocks(ack)[0] };
}

describe("request signatures", () => {
  // /article post from an admin would make the handler call users.info: proof it never ran.
  const body = () =>
    new URLSearchParams(
      slashCommandPayload({ command: "/article", text: "post confirm:false", ...ADMIN }, h.fake.api),
    ).toString();
  const url = () => h.adapter.url ?? "";
  const before = () => h.fake.api.calls.length;

  it("answers a correctly signed request with 200", async () => {
    const answer = await postSigned(
      url(),
      SECRET,
      new URLSearchParams(slashCommandPayload({ command: "/help" }, h.fake.api)).toString(),
    );
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe("ephemeral");
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, (body: string) => SignOptions]>([
    ["a wrong signature", () => ({ signature: signature("not-the-secret-at-all", now(), "x") })],
    ["no signature", () => ({ unsigned: true })],
    ["a timestamp older than five minutes", () => ({ timestamp: now() - 6 * 60 })],
    // A request captured six minutes ago, its body and signature sent again under a fresh timestamp.
    [
      "a captured body replayed with a new timestamp",
      (captured) => ({ timestamp: now(), signature: signature(SECRET, now() - 6 * 60, captured) }),
    ],
  ])("refuses %s with 401, and the handler never runs", async (_, sign) => {
    const calls = before();
    const lines = h.logs.length;
    const payload = body();
    const answer = await postSigned(url(), SECRET, payload, sign(payload));
    expect(answer.status).toBe(401);
    expect(answer.body).toBe("");
    expect(h.fake.api.calls.slice(calls)).toEqual([]);
    // Bolt's own warning is the only line: no command line, nothing from the adapter.
    expect(h.logs.slice(lines).map((l) => [l.level, l.component, l.msg])).toEqual([
      [
        40,
        "bolt",
        expect.stringMatching(/^Failed to parse and verify the request data: Failed to verify authenticity/u),
      ],
    ]);
  });

  it.each([
    ["six minutes", 6 * 60],
    ["a year", 365 * 24 * 60 * 60],
  ])("refuses a correctly signed request timestamped %s ahead with 401, logged once", async (_, ahead) => {
    const calls = h.fake.api.calls.length;
    const lines = h.logs.length;
    const timestamp = now() + ahead;
    const answer = await postSigned(url(), SECRET, body(), { timestamp });
    expect(answer.status).toBe(401);
    expect(answer.body).toBe("");
    expect(h.fake.api.calls.slice(calls)).toEqual([]);
    expect(h.logs.slice(lines).map((l) => [l.level, l.msg, l.aheadSeconds])).toEqual([
      [40, "refused a Slack request timestamped in the future", expect.any(Number)],
    ]);
  });

  it("accepts a clock four minutes fast", async () => {
    const payload = new URLSearchParams(slashCommandPayload({ command: "/help" }, h.fake.api)).toString();
    const answer = await postSigned(url(), SECRET, payload, { timestamp: now() + 4 * 60 });
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe("ephemeral");
  });

  it("refuses a body changed after signing", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const original = body();
    const signed = signature(SECRET, timestamp, original);
    const changed = original.replace("text=post", "text=post%20%23news");
    expect(changed).not.toBe(original);
    const answer = await postSigned(url(), SECRET, changed, { timestamp, signature: signed });
    expect(answer.status).toBe(401);
  });
});

describe("every command with every option, answered in the ack", () => {
  it("/summary: the short tl;dr, visible to the channel", async () => {
    const { ack, header, shown } = await ask("/summary");
    expect(ack.response_type).toBe("in_channel");
    expect(header).toBe(`Summary: ${article.title}`);
    expect(shown).toContain(article.summary.short[0]?.text);
    expect(shown).toContain("Source: the article, as reported by Cox Media and Fox News");
    expect(String(ack.text)).toContain(`Summary: ${article.title}`);
  });

  it.each(["/summary full", "/summary length:full", "/summary FULL"])(
    "%s: both halves, in the channel",
    async (line) => {
      const { ack, shown } = await ask(line);
      expect(ack.response_type).toBe("in_channel");
      expect(shown).toContain("What Jeff Sessions announced");
      expect(shown).toContain("What the article’s author argues");
    },
  );

  it.each(["/summary private", "/summary full private", "/summary short private:true"])(
    "%s: only for the asker",
    async (line) => {
      const { ack, header } = await ask(line);
      expect(ack.response_type).toBe("ephemeral");
      expect(header).toBe(`Summary: ${article.title}`);
    },
  );

  it("/quote: the index of his passages", async () => {
    const { ack, header } = await ask("/quote");
    expect(ack.response_type).toBe("in_channel");
    expect(header).toBe("Jeff Sessions’ 3 quoted passages");
  });

  it("/quote grants: the passage verbatim as a block quote, with provenance and source", async () => {
    const { ack, shown, header } = await ask("/quote grants");
    expect(ack.response_type).toBe("in_channel");
    expect(header).toBe("Jeff Sessions on “grants”");
    expect(visibleBlocks(ack)).toContain(passage(3));
    expect(shown).toMatch(/passage 3 of 3, ¶8/u);
    expect(shown).toContain("Reported in ¶9, after the quote: As the above makes clear");
  });

  it("/quote claw back private: a phrase topic, only for the asker", async () => {
    const { ack, header } = await ask("/quote claw back private");
    expect(ack.response_type).toBe("ephemeral");
    expect(header).toBe("Jeff Sessions on “claw back”");
    expect(visibleBlocks(ack)).toContain(passage(3));
  });

  it("/quote pizza: no match, said privately with the topics that do match", async () => {
    const { ack, header, shown } = await ask("/quote pizza");
    expect(ack.response_type).toBe("ephemeral");
    expect(header).toBe("No matching quote");
    expect(shown).toContain("Topics that do match");
  });

  it.each([
    ["/penalties", "in_channel"],
    ["/penalties private", "ephemeral"],
  ])("%s: each penalty in his words (%s)", async (line, type) => {
    const { ack, shown } = await ask(line);
    expect(ack.response_type).toBe(type);
    for (const item of article.penalties.items)
      expect(shown).toContain(article.text.slice(item.span.start, item.span.end));
  });

  it("/help: every command's usage, privately", async () => {
    const { ack, shown } = await ask("/help");
    expect(ack.response_type).toBe("ephemeral");
    for (const usage of [
      "/summary [length: short|full] [article] [private]",
      "/quote [topic] [speaker] [article] [private]",
      "/penalties [article] [private]",
      "/article post [channel] [title]",
      "/help",
    ])
      expect(shown).toContain(usage);
  });

  it.each([
    [
      "/summary everything",
      "/summary does not take “everything”.\nUsage: /summary [length: short|full] [article] [private]",
    ],
    ["/quote x".padEnd(120, "x"), "“topic” must be text of at most 100 characters"],
    ["/penalties now", "Usage: /penalties [article] [private]"],
    [
      "/article",
      "/article needs one of: /article post, /article list, /article use, /article add, /article history.",
    ],
    [
      "/article publish",
      "/article needs one of: /article post, /article list, /article use, /article add, /article history.",
    ],
    ["/nope", "There is no /nope command. Type /help"],
  ])("%s: a short private note on what is allowed", async (line, expected) => {
    const { ack, shown } = await ask(line);
    expect(ack.response_type).toBe("ephemeral");
    expect(shown).toContain(expected);
    expect(h.fake.api.callsTo("chat.postMessage")).toEqual([]);
  });
});

describe("escaping", () => {
  it("keeps <!channel> and <@U1> in a topic as characters: nothing can ping anyone", async () => {
    // Slack escapes what members type: & < > arrive as entities, and mentions as <!channel> tokens.
    const { ack, shown } = await ask("/quote", { text: "<!channel> <@U1> AT&amp;T" });
    expect(shown).toContain("“<!channel> <@U1> AT&T”");
    expect(JSON.stringify(ack)).toContain("&lt;!channel&gt; &lt;@U1&gt; AT&amp;T");
  });

  it("searches a topic as typed (Slack's &amp; un-escaped) and escapes it again in the answer", async () => {
    const { ack, header } = await ask("/quote", { text: "grants &amp; funds" });
    expect(header).toBe("Jeff Sessions on “grants & funds”");
    expect(visibleBlocks(ack)).toContain(passage(3));
    expect(String(ack.text)).toContain("on “grants &amp; funds”");
  });
});

describe("who may post the article", () => {
  it("refuses a member privately, and posts nothing", async () => {
    const { ack, shown } = await ask("/article post", MEMBER);
    expect(ack.response_type).toBe("ephemeral");
    expect(shown).toBe(":warning: Only moderators can run /article post. Nothing was posted.");
    expect(h.fake.api.callsTo("users.info").map((c) => c.params.user)).toContain(MEMBER.user_id);
    expect(h.fake.api.callsTo("chat.postMessage")).toEqual([]);
  });
});
