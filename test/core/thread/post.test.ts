import pino from "pino";
import { describe, expect, it } from "vitest";
import { describeReport, describeStep, type ReportWords } from "../../../src/core/thread/describe.js";
import { LocalPostLocks } from "../../../src/core/thread/locks.js";
import { postThread } from "../../../src/core/thread/post.js";
import type { ThreadStep } from "../../../src/core/thread/report.js";
import type { PartLabel, ThreadSink } from "../../../src/core/thread/sink.js";
import { unlessAborted } from "../../../src/runtime/abort.js";

/**
 * The thread-posting core against an in-memory platform: threads are arrays of posted part
 * indexes. What it posts, in which order, what it reports, and that a re-run posts only what is
 * missing.
 */
const PARTS: PartLabel[] = [
  { kind: "header", index: 1, count: 1 },
  { kind: "article", index: 1, count: 3 },
  { kind: "article", index: 2, count: 3 },
  { kind: "article", index: 3, count: 3 },
];

class MemoryPlatform {
  readonly threads = new Map<string, number[]>();
  /** Part index → what happens when it is posted. */
  failures = new Map<number, "refuse" | "hang">();
  openFails = false;
  /** Starting a thread posts part 0 too (Slack's parent message). */
  parentIsHeader = false;

  sink(title = "t"): ThreadSink<string> {
    return {
      parts: PARTS,
      existing: async () => (this.threads.has(title) ? title : undefined),
      open: async () => {
        if (this.openFails) throw new Error("refused: 403");
        this.threads.set(title, this.parentIsHeader ? [0] : []);
        return { thread: title, posted: this.parentIsHeader ? [0] : [], adopted: false };
      },
      present: async (thread) => ({ present: new Set(this.threads.get(thread)), complete: true }),
      post: async (thread, index, signal) => {
        const failure = this.failures.get(index);
        if (failure === "refuse") throw new Error("refused: 500");
        // A request that never answers: shutdown is all that ends the wait.
        if (failure === "hang") await unlessAborted(new Promise(() => {}), signal, true);
        this.threads.get(thread)?.push(index);
      },
    };
  }
}

const words: ReportWords<string> = {
  thread: (t) => `[${t}]`,
  target: "#general",
  title: "Title",
  platform: "Memory",
  reason: (e) => (e as Error).message,
  rerun: (t) => `run /article post inside ${t ? `[${t}]` : "it"}`,
  fix: () => undefined,
};

const log = pino({ level: "silent" });
const fields = {
  errorFields: (e: unknown) => ({ message: String(e) }),
  threadFields: (t: string) => ({ thread: t }),
};

async function post(platform: MemoryPlatform, signal = new AbortController().signal) {
  const steps: (string | undefined)[] = [];
  const report = await postThread({
    sink: platform.sink(),
    signal,
    log,
    ...fields,
    onStep: (s: ThreadStep<string>) => steps.push(describeStep(s, words)),
  });
  return { report, text: describeReport(report, words), steps: steps.filter(Boolean) };
}

describe("the thread-posting core", () => {
  it("starts a thread and posts every part in order", async () => {
    const platform = new MemoryPlatform();
    const { text, steps } = await post(platform);
    expect(platform.threads.get("t")).toEqual([0, 1, 2, 3]);
    expect(text).toBe("Posted the header and the article (3 messages): 4 messages. The thread: [t]");
    expect(steps).toEqual([
      "Creating a thread in #general…",
      "Posting 1 of 4 in [t]…",
      "Posting 2 of 4 in [t]…",
      "Posting 3 of 4 in [t]…",
      "Posting 4 of 4 in [t]…",
    ]);
  });

  it("counts the part that starting the thread posted (a parent message), and does not post it again", async () => {
    const platform = new MemoryPlatform();
    platform.parentIsHeader = true;
    const { report } = await post(platform);
    expect(platform.threads.get("t")).toEqual([0, 1, 2, 3]);
    expect(report).toMatchObject({ kind: "done", posted: [0, 1, 2, 3], found: [] });
  });

  it("stops at a refusal and says exactly what is and is not in the thread; a re-run posts only the rest", async () => {
    const platform = new MemoryPlatform();
    platform.failures.set(2, "refuse");
    const first = await post(platform);
    expect(platform.threads.get("t")).toEqual([0, 1]);
    expect(first.text).toBe(
      [
        "Stopped at article part 2 of 3 in [t]: refused: 500.",
        "Posted: the header and article part 1 of 3.",
        "Not posted: article parts 2–3 of 3.",
        "In a minute, run /article post inside [t]: it posts only what is missing.",
      ].join("\n"),
    );
    platform.failures.clear();
    const again = await post(platform);
    expect(platform.threads.get("t")).toEqual([0, 1, 2, 3]);
    expect(again.steps[0]).toBe("Checking which parts are already in [t]…");
    expect(again.text).toBe(
      "Posted article parts 2–3 of 3, which were missing: 2 messages. Already there: the header and article part 1 of 3. The thread: [t]",
    );
    const third = await post(platform);
    expect(platform.threads.get("t")).toHaveLength(4);
    expect(third.text).toBe(
      "Everything is already in [t]: the header and the article (3 messages). Nothing was posted.",
    );
  });

  it("at shutdown, says the part on its way may or may not be there", async () => {
    const platform = new MemoryPlatform();
    platform.failures.set(1, "hang");
    const stop = new AbortController();
    const running = post(platform, stop.signal);
    await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    const { text } = await running;
    expect(text).toBe(
      [
        "Stopped while posting article part 1 of 3 in [t]: the bot is restarting.",
        "Posted: the header.",
        "Perhaps posted (Memory had not confirmed it): article part 1 of 3.",
        "Not posted: article parts 2–3 of 3.",
        "When the bot is back, run /article post inside [t]: it posts only what is missing.",
      ].join("\n"),
    );
  });

  it("posts nothing when the thread cannot be started, and gives the platform's fix", async () => {
    const platform = new MemoryPlatform();
    platform.openFails = true;
    const fixing = { ...words, fix: () => "Give the bot Create Threads in #general" };
    const report = await postThread({
      sink: platform.sink(),
      signal: new AbortController().signal,
      log,
      ...fields,
    });
    expect(describeReport(report, fixing)).toBe(
      "Could not create a thread in #general: refused: 403. Nothing was posted. Give the bot Create Threads in #general.",
    );
    expect(describeReport(report, words)).toMatch(/Nothing was posted\. Try again in a minute\.$/u);
  });

  it("posts into one target once at a time: a second post meanwhile is busy and posts nothing", async () => {
    const platform = new MemoryPlatform();
    platform.failures.set(1, "hang");
    const locks = new LocalPostLocks();
    const stop = new AbortController();
    const options = { signal: stop.signal, log, ...fields, lock: { locks, key: "general:Title" } };
    const first = postThread({ sink: platform.sink(), ...options });
    await new Promise((r) => setTimeout(r, 10));
    const second = await postThread({ sink: platform.sink(), ...options });
    expect(second).toEqual({ kind: "busy" });
    expect(describeReport(second, words)).toMatch(
      /^Another \/article post into #general is running right now/u,
    );
    stop.abort();
    await first;
    expect(platform.threads.get("t")).toEqual([0]);
    expect(locks.size).toBe(0);
  });

  it("posts nothing once stopping has begun", async () => {
    const stop = new AbortController();
    stop.abort();
    const platform = new MemoryPlatform();
    const { text } = await post(platform, stop.signal);
    expect(platform.threads.size).toBe(0);
    expect(text).toBe("The bot is restarting: nothing was posted. Run /article post again when it is back.");
  });
});
