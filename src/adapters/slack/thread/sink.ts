import { setTimeout as sleep } from "node:timers/promises";
import type { webApi } from "@slack/bolt";
import { Aborted, asAborted, unlessAborted } from "../../../runtime/abort.js";
import type { Logger } from "../../../runtime/log.js";
import { errorFields, errorReason, needsInvite, retryAfterSeconds } from "../errors.js";
import type { SlackMessage } from "../render/limits.js";
import {
  done,
  firstWords,
  notStarted,
  parentUncertain,
  started,
  stoppedByRestart,
  stoppedPart,
  type ThreadNote,
} from "../render/report.js";
import type { RenderedThread } from "../render/thread.js";
import type { Pacer } from "./pacer.js";
import { type ChannelRef, channelById } from "./target.js";

export interface ThreadDeps {
  /** Posts the thread. It must not wait out a 429 itself (rejectRateLimitedCalls): postThread does, abortably. */
  client: webApi.WebClient;
  /** Reads the permalink (any client). */
  reader: webApi.WebClient;
  pacer: Pacer;
  log: Logger;
  /** The bot's user name, for the `/invite @name` hint. */
  botName: string;
  /** Aborts when the bot shuts down: the post stops at once and says exactly what is up. */
  signal?: AbortSignal | undefined;
  /** An ephemeral note to the moderator who asked; it never throws. */
  tell(message: SlackMessage): Promise<unknown>;
}

// The article is the point of the message; Slack's link previews would only crowd it.
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
/** How many 429s in a row one message waits out before the post stops and says so. */
const RATE_LIMIT_WAITS = 3;

/**
 * Posts the parent message, then each reply in its thread, paced per channel, telling the
 * moderator how it goes. On a failure it stops and says exactly which parts are up and which not.
 */
export async function postThread(
  deps: ThreadDeps,
  target: ChannelRef,
  thread: RenderedThread,
  title: string,
): Promise<void> {
  const { log, tell } = deps;
  const note: ThreadNote = { title, channel: target.label, replies: thread.replies.length };
  const context = { command: "article post", channel: target.id };

  let parent: { channel: string; ts: string };
  try {
    parent = await post(deps, target.id, { channel: target.id, ...thread.parent }, context);
  } catch (error) {
    const cause = errorReason(error);
    if (error instanceof Aborted) {
      log.warn({ ...context, cause, posted: error.sending ? "the parent, perhaps" : "nothing" }, STOPPED);
      await tell(error.sending ? parentUncertain(note) : notStarted(note, cause, undefined));
    } else {
      log.error({ ...context, cause, error: errorFields(error), posted: "nothing" }, "article post failed");
      await tell(notStarted(note, cause, needsInvite(error) ? deps.botName : undefined));
    }
    return;
  }
  // A channel named by #name is known by its ID from here on: link it, and pace the replies
  // under the ID (taking a turn now marks the parent as the channel's latest message).
  if (target.id !== parent.channel) {
    note.channel = channelById(parent.channel).label;
    await deps.pacer.turn(parent.channel);
  }

  const link = await permalink(deps, parent);
  if (link.problem) log.warn({ ...context, problem: link.problem }, "no permalink for the thread");
  await tell(started(note, link.url));

  for (const [i, reply] of thread.replies.entries()) {
    try {
      await post(deps, parent.channel, { channel: parent.channel, thread_ts: parent.ts, ...reply }, context);
    } catch (error) {
      const cause = errorReason(error);
      const posted = `parent and ${i} of ${thread.replies.length} replies`;
      const from = firstWords(reply.text);
      if (error instanceof Aborted) {
        log.warn({ ...context, cause, posted, sending: error.sending }, STOPPED);
        await tell(stoppedByRestart(note, i, error.sending, link.url, from));
      } else {
        log.error({ ...context, cause, error: errorFields(error), posted }, "article post stopped part-way");
        await tell(stoppedPart(note, i, cause, link.url, from));
      }
      return;
    }
  }
  await tell(done(note, link.url, link.problem));
}

const STOPPED = "article post stopped: the bot is shutting down";

/** One message in its channel's turn, waiting out up to three 429s as Slack asks; shutdown cuts any wait. */
async function post(
  deps: ThreadDeps,
  channel: string,
  message: webApi.ChatPostMessageArguments,
  context: Record<string, unknown>,
): Promise<{ channel: string; ts: string }> {
  for (let waits = 0; ; waits++) {
    await deps.pacer.turn(channel, deps.signal).catch(asAborted);
    try {
      const sent = deps.client.chat.postMessage({ ...message, ...NO_UNFURL });
      const posted = await unlessAborted(sent, deps.signal, true);
      return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === undefined || waits >= RATE_LIMIT_WAITS) throw error;
      deps.log.info({ ...context, cause: errorReason(error) }, "waiting as Slack asked before posting");
      await sleep(seconds * 1000, undefined, { signal: deps.signal }).catch(asAborted);
    }
  }
}

async function permalink(
  deps: ThreadDeps,
  message: { channel: string; ts: string },
): Promise<{ url?: string; problem?: string }> {
  try {
    const asked = deps.reader.chat.getPermalink({ channel: message.channel, message_ts: message.ts });
    const { permalink: url } = await unlessAborted(asked, deps.signal, false);
    return url ? { url } : { problem: "Slack returned no permalink" };
  } catch (error) {
    return { problem: errorReason(error) };
  }
}
