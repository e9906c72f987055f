/**
 * postThread with its records kept, the same on every platform: which thread holds the post and
 * how many parts are in it (written when the thread is open and after each part, so a kill
 * mid-post leaves a true count), and one audit entry from the report at the end: finished,
 * partial with what is missing, or failed with why. A store that is down never stops a post: its
 * writes fail with the store's own log line and the post goes on.
 */
import type { Logger } from "../../runtime/log.js";
import type { Bot } from "../answer.js";
import { type ModeratorEvent, type ModeratorRecords, RecordsUnavailable } from "../records.js";
import { type PostOptions, postThread } from "./post.js";
import type { ThreadMemory } from "./remembered.js";
import type { StopCause, ThreadReport } from "./report.js";

export interface PostRecords<T> {
  records?: ModeratorRecords | undefined;
  memory?: ThreadMemory | undefined;
  /** Who posted what where (channel: the target), as the audit entry names them. */
  event: Omit<ModeratorEvent, "outcome" | "detail" | "thread" | "at">;
  /** The thread as the store keeps it (the sink's `existing()` decodes it again). */
  encode(thread: T): string;
}

/** Where a post goes and who asked: what its thread memory and audit entries are keyed by. */
export interface PostedBy<T> {
  platform: string;
  /** The Slack team or Discord guild; empty: nothing is recorded. */
  workspace: string;
  /** The target channel, as the post names it. */
  channel: string;
  /** The article's title (the plan's header); absent: the shipped article's. */
  article?: string | undefined;
  /** The thread's title: one title in one channel is one thread. */
  title: string;
  actor: string;
  log: Logger;
  encode(thread: T): string;
}

/** The bot's records for one post: the sink's thread memory, and what postRecorded keeps. */
export function recordsFor<T>(
  bot: Pick<Bot, "records" | "threads" | "article">,
  by: PostedBy<T>,
): { memory: ThreadMemory | undefined; keep: PostRecords<T> } {
  const key = { platform: by.platform, workspace: by.workspace, channel: by.channel, article: by.title };
  const event = {
    ...key,
    article: (by.article ?? bot.article.title).slice(0, 200),
    actor: by.actor,
    action: "article post",
  };
  if (by.workspace === "") return { memory: undefined, keep: { event, encode: by.encode } };
  const memory = bot.threads && { index: bot.threads, key, log: by.log };
  return { memory, keep: { records: bot.records, memory, event, encode: by.encode } };
}

/**
 * A post that ended before postThread ran (the platform ruled it out first): one failed entry. A
 * store that is down has logged its own line; the moderator hears the platform's reason anyway.
 */
export async function recordFailed(
  bot: Pick<Bot, "records" | "threads" | "article">,
  by: Omit<PostedBy<never>, "encode">,
  detail: string,
): Promise<void> {
  const { keep } = recordsFor(bot, { ...by, encode: String });
  await keep.records?.record({ ...keep.event, outcome: "failed", detail }).catch((error: unknown) => {
    if (!(error instanceof RecordsUnavailable))
      by.log.warn({ cause: String(error) }, "could not record the audit entry");
  });
}

export async function postRecorded<T>(
  options: PostOptions<T> & { keep: PostRecords<T> },
): Promise<ThreadReport<T>> {
  const { log, keep } = options;
  let writes = Promise.resolve();
  const later = (what: string, write: () => Promise<void>) => {
    writes = writes.then(write).catch((error: unknown) => {
      // The store has logged its own line for an outage; anything else is logged here.
      if (!(error instanceof RecordsUnavailable))
        log.warn({ cause: String(error) }, `could not record ${what}`);
    });
  };
  const total = options.sink.parts.length;
  const { memory } = keep;
  const report = await postThread({
    ...options,
    onPosted: (thread, present) => {
      options.onPosted?.(thread, present);
      if (!memory) return;
      const post = { thread: keep.encode(thread), partsPosted: present.size, partsTotal: total };
      later("the thread post", () => memory.index.record(memory.key, post));
    },
  });
  const { records } = keep;
  if (records) {
    const thread = "thread" in report && report.thread !== undefined ? keep.encode(report.thread) : undefined;
    later("the audit entry", () => records.record({ ...keep.event, thread, ...auditOf(report, total) }));
  }
  await writes;
  return report;
}

/** The audit entry's outcome and detail for a report. */
function auditOf<T>(report: ThreadReport<T>, total: number): Pick<ModeratorEvent, "outcome" | "detail"> {
  switch (report.kind) {
    case "done": {
      const { posted, found } = report;
      if (posted.length === 0)
        return { outcome: "finished", detail: `all ${total} parts were already there` };
      return {
        outcome: "finished",
        detail:
          found.length === 0
            ? `${posted.length} of ${total} parts posted`
            : `${posted.length} of ${total} parts posted; ${found.length} were already there`,
      };
    }
    case "stopped": {
      const { present, at, unsure } = report;
      const missing = [...Array(total).keys()].filter((i) => !present.has(i) && !(unsure && i === at));
      const notes = [`${ranges(missing)} of ${total} not posted${because(report.cause)}`];
      if (unsure) notes.push(`part ${at + 1} perhaps posted`);
      return { outcome: "partial", detail: notes.join("; ") };
    }
    case "notCreated":
      return { outcome: "failed", detail: `no thread was started${because(report.cause)}` };
    case "notRead":
      return {
        outcome: "failed",
        detail: `the thread could not be read; nothing posted${because(report.cause)}`,
      };
    case "busy":
      return { outcome: "failed", detail: "another post into the same target was running; nothing posted" };
  }
}

const because = (cause: StopCause): string =>
  cause.kind === "shutdown" ? " (the bot was stopping)" : " (the platform refused)";

/** Zero-based indexes as "parts 4–6" or "part 2, parts 4–6", counted from 1. */
function ranges(indexes: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const i of indexes) {
    const last = runs.at(-1);
    if (last && last[1] + 1 === i) last[1] = i;
    else runs.push([i, i]);
  }
  return runs
    .map(([a, b]) => (a === b ? `part ${a + 1}` : `parts ${a + 1}–${b + 1}`))
    .join(", ")
    .replace(/^$/u, "no parts");
}
