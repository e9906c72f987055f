/**
 * postRecorded against an in-memory platform and in-memory records: the audit entry the report
 * becomes (finished, partial with what is missing, failed), and the thread's part count written
 * after each part, so a post cut short leaves a true count.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ModeratorEvent, ModeratorRecords } from "../../../src/core/records.js";
import { postRecorded } from "../../../src/core/thread/recorded.js";
import type { RememberedThread, ThreadIndex, ThreadKey } from "../../../src/core/thread/remembered.js";
import type { PartLabel, ThreadSink } from "../../../src/core/thread/sink.js";

const PARTS: PartLabel[] = Array.from({ length: 6 }, (_, i) => ({ kind: "article", index: i + 1, count: 6 }));

function memory() {
  const events: ModeratorEvent[] = [];
  const counts: number[] = [];
  const records: ModeratorRecords = {
    record: async (e) => {
      events.push(e);
    },
    history: async () => [],
  };
  const index: ThreadIndex = {
    find: async () => undefined,
    record: async (_key: ThreadKey, post: RememberedThread) => {
      counts.push(post.partsPosted);
    },
  };
  return { events, counts, records, index };
}

const sink = (refuseAt?: number): ThreadSink<string> => ({
  parts: PARTS,
  existing: async () => undefined,
  open: async () => ({ thread: "t1", posted: [], adopted: false }),
  present: async () => ({ present: new Set(), complete: true }),
  post: async (_thread, index) => {
    if (index === refuseAt) throw new Error("refused: 403");
  },
});

const log = pino({ level: "silent" });
const key = { platform: "memory", workspace: "W1", channel: "C1", article: "Title" };
const event = { ...key, actor: "U1", action: "article post" };

async function run(refuseAt?: number) {
  const m = memory();
  const report = await postRecorded({
    sink: sink(refuseAt),
    signal: new AbortController().signal,
    log,
    errorFields: () => ({}),
    threadFields: (thread) => ({ thread }),
    keep: { records: m.records, memory: { index: m.index, key, log }, event, encode: (t) => t },
  });
  return { ...m, report };
}

describe("postRecorded", () => {
  it("a whole post: the count after each part, then one finished entry", async () => {
    const { events, counts, report } = await run();
    expect(report.kind).toBe("done");
    expect(counts).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "finished",
        detail: "6 of 6 parts posted",
        thread: "t1",
        actor: "U1",
      }),
    ]);
  });

  it("a post refused at part 4: the count stops at 3, and the entry says what is missing", async () => {
    const { events, counts } = await run(3);
    expect(counts.at(-1)).toBe(3);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "partial",
        detail: "parts 4–6 of 6 not posted (the platform refused)",
      }),
    ]);
  });
});
