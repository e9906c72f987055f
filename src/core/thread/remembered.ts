/**
 * Which thread holds which post: the store remembers, for a target (platform, workspace, channel)
 * and a post (its title), the thread the bot started and how many of its parts are in it, so a
 * re-run or a second moderator finds the thread without guessing from titles. The core defines the
 * interface (src/state implements it); the sinks ask `rememberedThread` first and fall back to
 * reading the platform, so a thread deleted on the platform, or a store that is down, never stops a
 * re-run.
 */
import type { Logger } from "../../runtime/log.js";

export interface ThreadKey {
  platform: string;
  workspace: string;
  /** The target channel as the post names it. */
  channel: string;
  /** The post: its thread title (the article's title unless the moderator gave one). */
  article: string;
}

export interface RememberedThread {
  /** The platform's thread, as the sink encoded it (Discord: the thread id; Slack: channel/ts). */
  thread: string;
  partsPosted: number;
  partsTotal: number;
}

export interface ThreadIndex {
  find(key: ThreadKey): Promise<RememberedThread | undefined>;
  /** Insert, or update the thread and counts already recorded for the key. */
  record(key: ThreadKey, post: RememberedThread): Promise<void>;
}

/** What a sink and the posting core share to remember one post's thread. */
export interface ThreadMemory {
  index: ThreadIndex;
  key: ThreadKey;
  log: Logger;
}

/**
 * The thread the store remembers for this post, if the platform still has it (`revive` checks and
 * decodes; undefined when it is gone), else whatever `lookup` finds on the platform.
 */
export async function rememberedThread<T>(
  memory: ThreadMemory | undefined,
  revive: (thread: string) => Promise<T | undefined>,
  lookup: () => Promise<T | undefined>,
): Promise<T | undefined> {
  if (!memory) return lookup();
  let known: RememberedThread | undefined;
  try {
    known = await memory.index.find(memory.key);
  } catch (error) {
    memory.log.warn(
      { cause: String(error) },
      "could not ask the store for the thread; looking on the platform",
    );
    return lookup();
  }
  if (known === undefined) return lookup();
  const thread = await revive(known.thread);
  if (thread !== undefined) return thread;
  memory.log.info({ thread: known.thread }, "the remembered thread is gone; looking on the platform");
  return lookup();
}
