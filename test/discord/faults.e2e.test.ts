import { describe, expect, it } from "vitest";
import type { Fault, InteractSpec } from "../fakes/discord/index.js";
import { article } from "../support/article.js";
import {
  ARTICLE_PARTS,
  articleShownIn,
  type LogLine,
  postArticle,
  statusOf,
  useHarness,
} from "../support/discord.js";

/**
 * Discord's REST API failing under /article post, injected by the fake: every run ends with one
 * clear status for the moderator, at most one error line in the log (with the command, the
 * platform and the cause), and nothing posted twice.
 */
const h = useHarness();

const THREADS = "POST /channels/:channel/threads";
const MESSAGES = "POST /channels/:channel/messages";
const rateLimited = (seconds: number): Omit<Fault, "route"> => ({
  status: 429,
  body: { message: "You are being rate limited.", retry_after: seconds, global: false },
  headers: { "retry-after": String(seconds), "x-ratelimit-scope": "user" },
});
const serverError = (status: 500 | 503): Omit<Fault, "route"> => ({
  status,
  body: { message: status === 503 ? "Service Unavailable" : "Internal Server Error", code: 0 },
});

let runs = 0;
/** /article post in #general under a title of its own, so the thread it makes can be told apart. */
async function postInNewThread(spec: Partial<InteractSpec> = {}) {
  const title = `Fault run ${++runs}`;
  const r = await postArticle(h.fake, { options: { title }, ...spec });
  const threads = [...h.fake.state.channels.values()].filter((c) => c.name === title);
  return { r, threads, lines: logsOf(r.id) };
}

const logsOf = (interaction: string): LogLine[] => h.logs.filter((l) => l.interaction === interaction);
const errors = (lines: LogLine[]) => lines.filter((l) => l.level >= 50);

describe("/article post when Discord's REST API fails", () => {
  it("429 with Retry-After on thread creation: waits, then creates one thread and posts it all", async () => {
    h.fake.failNext({ route: THREADS, ...rateLimited(0.5) });
    const { r, threads, lines } = await postInNewThread();
    expect(threads).toHaveLength(1);
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    expect(articleShownIn(h.fake, threads[0]?.id ?? "")).toBe(article.text.trim());
    expect(errors(lines)).toEqual([]);
    expect(h.logs.filter((l) => l.msg === "Discord rate-limited a request").at(-1)).toMatchObject({
      platform: "discord",
      status: 429,
      retryAfter: "0.5",
    });
  });

  it("429 with Retry-After on a message: waits, then posts every part once", async () => {
    h.fake.failNext({ route: MESSAGES, skip: 1, ...rateLimited(0.5) });
    const { r, threads, lines } = await postInNewThread();
    expect(statusOf(r)).toMatch(/^Posted the header and the article/u);
    expect(h.fake.messagesIn(threads[0]?.id ?? "")).toHaveLength(1 + ARTICLE_PARTS);
    expect(errors(lines)).toEqual([]);
  });

  it.each([500, 503] as const)("%i on thread creation: tries again, one thread", async (status) => {
    h.fake.failNext({ route: THREADS, ...serverError(status) });
    const { r, threads, lines } = await postInNewThread();
    expect(threads).toHaveLength(1);
    expect(statusOf(r)).toMatch(/^Posted/u);
    expect(errors(lines)).toEqual([]);
  });

  it("503 after Discord did create the thread: finds it instead of starting a second one", async () => {
    h.fake.failNext({ route: THREADS, ...serverError(503), after: true });
    const { r, threads } = await postInNewThread();
    expect(threads).toHaveLength(1);
    expect(statusOf(r)).toBe(
      `Posted the header and the article (${ARTICLE_PARTS} messages): ${1 + ARTICLE_PARTS} messages. The thread: <#${threads[0]?.id}>`,
    );
    expect(articleShownIn(h.fake, threads[0]?.id ?? "")).toBe(article.text.trim());
  });

  it("503, and a thread of that title it started a moment ago: reads it before posting, so nothing doubles", async () => {
    const title = "Posted twice in a row";
    await postArticle(h.fake, { options: { title } });
    h.fake.failNext({ route: THREADS, ...serverError(503) });
    const r = await postArticle(h.fake, { options: { title } });
    const threads = [...h.fake.state.channels.values()].filter((c) => c.name === title);
    expect(threads).toHaveLength(1);
    expect(statusOf(r)).toMatch(/^Everything is already in <#\d+>/u);
    expect(articleShownIn(h.fake, threads[0]?.id ?? "")).toBe(article.text.trim());
  });

  it("503 on every try at thread creation: says so, nothing posted, one error line", async () => {
    h.fake.failNext({ route: THREADS, ...serverError(503), times: 3 });
    const { r, threads, lines } = await postInNewThread();
    expect(threads).toEqual([]);
    expect(statusOf(r)).toBe(
      `Could not create a thread in <#${h.fake.state.ids.general}>: Discord had a server error (HTTP 503). Nothing was posted. Try again in a minute.`,
    );
    expect(errors(lines)).toMatchObject([
      {
        msg: "thread creation failed",
        platform: "discord",
        command: "article post",
        cause: { type: "HTTPError", status: 503 },
      },
    ]);
  });

  it.each([500, 503] as const)(
    "%i on a message, even after Discord posted it: each part once",
    async (status) => {
      h.fake.failNext({ route: MESSAGES, skip: 1, ...serverError(status), after: true });
      const { r, threads, lines } = await postInNewThread();
      expect(statusOf(r)).toMatch(/^Posted/u);
      expect(h.fake.messagesIn(threads[0]?.id ?? "")).toHaveLength(1 + ARTICLE_PARTS);
      expect(articleShownIn(h.fake, threads[0]?.id ?? "")).toBe(article.text.trim());
      expect(errors(lines)).toEqual([]);
    },
  );

  it("503 on a message until discord.js gives up: says what is in the thread; a re-run finishes it", async () => {
    // discord.js tries a request four times in all on a server error.
    h.fake.failNext({ route: MESSAGES, skip: 2, ...serverError(503), times: 4 });
    const { r, threads, lines } = await postInNewThread();
    const thread = threads[0]?.id;
    expect(statusOf(r)).toBe(
      [
        `Stopped at article part 2 of ${ARTICLE_PARTS} in <#${thread}>: Discord had a server error (HTTP 503).`,
        `Posted: the header and article part 1 of ${ARTICLE_PARTS}.`,
        `Not posted: article parts 2–${ARTICLE_PARTS} of ${ARTICLE_PARTS}.`,
        `In a minute, run /article post inside <#${thread}>: it posts only what is missing.`,
      ].join("\n"),
    );
    expect(errors(lines)).toMatchObject([
      { msg: "posting to the thread failed", platform: "discord", command: "article post", part: 3 },
    ]);
    const again = await postArticle(h.fake, { channelId: thread });
    expect(statusOf(again)).toMatch(/^Posted article parts 2–\d of \d, which were missing/u);
    expect(articleShownIn(h.fake, thread ?? "")).toBe(article.text.trim());
  });

  it("a 429 asking for a long wait: stops at once and says so, rather than hang", async () => {
    h.fake.failNext({ route: MESSAGES, skip: 1, ...rateLimited(60) });
    const started = Date.now();
    const { r, lines } = await postInNewThread();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(statusOf(r)).toMatch(
      /^Stopped at article part 1 of \d in <#\d+>: Discord is rate-limiting the bot right now\.\nPosted: the header\./u,
    );
    expect(errors(lines)).toMatchObject([
      { msg: "posting to the thread failed", cause: { type: "RateLimitError" } },
    ]);
  });
});
