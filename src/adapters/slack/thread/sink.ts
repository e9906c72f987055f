/**
 * Slack's ThreadSink for the thread-posting core (src/core/thread/post.ts). A Slack thread is a
 * parent message and its replies: existing() finds the bot's parent for this post in the channel
 * (a re-run after a failure), open() posts the parent (part 0), present() reads which replies are
 * there, post() posts one reply. Every message waits for its channel's turn (about one a second)
 * and waits out up to three 429s as Slack asks; shutdown cuts any wait short and says whether a
 * message was on its way.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { webApi } from "@slack/bolt";
import { rememberedThread, type ThreadMemory } from "../../../core/thread/remembered.js";
import type { Present, ThreadSink } from "../../../core/thread/sink.js";
import { asAborted, unlessAborted } from "../../../runtime/abort.js";
import type { Logger } from "../../../runtime/log.js";
import { errorReason, needsInvite, platformErrorCode, retryAfterSeconds } from "../errors.js";
import type { SlackMessage } from "../render/limits.js";
import type { ThreadPart } from "../render/thread.js";
import { type Author, findParent, partsInThread } from "./history.js";
import type { Pacer } from "./pacer.js";
import type { ChannelRef } from "./target.js";

/** A thread on Slack: the channel's ID and the parent message's ts. */
export interface SlackThread {
  channel: string;
  ts: string;
}

export interface SinkDeps {
  /** Posts the thread. It must not wait out a 429 itself (rejectRateLimitedCalls): the sink does, abortably. */
  client: webApi.WebClient;
  /** Reads history, replies and permalinks (any client). */
  reader: webApi.WebClient;
  pacer: Pacer;
  log: Logger;
  author: Author;
  /** Aborts when the bot shuts down. */
  signal: AbortSignal;
  /** Where the store remembers this post's thread (absent: Slack is asked alone). */
  memory?: ThreadMemory | undefined;
}

// The article is the point of the message; Slack's link previews would only crowd it.
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
/** How many 429s in a row one message waits out before the post stops and says so. */
const RATE_LIMIT_WAITS = 3;

export class SlackSink implements ThreadSink<SlackThread> {
  readonly parts;
  /** The thread's link once known, for the report (absent when Slack gave none). */
  readonly permalinks = new Map<string, string>();
  /** Whether this run started the thread (else it found one an earlier run started). */
  started = false;

  constructor(
    private readonly deps: SinkDeps,
    private readonly target: ChannelRef,
    private readonly messages: readonly ThreadPart[],
  ) {
    this.parts = messages.map((p) => p.label);
  }

  /**
   * The thread the store remembers for this post if Slack still has its parent, else the bot's
   * parent for it among the channel's latest messages.
   */
  async existing(): Promise<SlackThread | undefined> {
    const [parent] = this.messages;
    if (!parent) return undefined;
    try {
      const lookup = async () => {
        const ts = await findParent(this.deps.reader, this.target.id, parent.message, this.deps.author);
        return ts === undefined ? undefined : { channel: this.target.id, ts };
      };
      const look = rememberedThread(this.deps.memory, (id) => stillThere(this.deps.reader, id), lookup);
      const thread = await unlessAborted(look, this.deps.signal);
      if (thread === undefined) return undefined;
      await this.link(thread);
      return thread;
    } catch (error) {
      // A channel the bot is not in (open() says how to invite it), a #name (history takes only
      // IDs; Slack resolves the name when the parent is posted), or an app installed before it
      // asked to read history: there is no earlier thread to find, and posting can still go ahead.
      if (!needsInvite(error) && platformErrorCode(error) !== "missing_scope") throw error;
      if (platformErrorCode(error) === "missing_scope")
        this.deps.log.warn(
          { channel: this.target.id, cause: errorReason(error) },
          "cannot look for an earlier thread to resume; reinstall the app from the manifest",
        );
      return undefined;
    }
  }

  async open(): Promise<{ thread: SlackThread; posted: readonly number[]; adopted: boolean }> {
    const sent = await this.send(this.target.id, { channel: this.target.id, ...this.message(0) });
    const thread = { channel: sent.channel, ts: sent.ts };
    // A channel named by #name is known by its ID from here on: pace the replies under the ID
    // (taking a turn now marks the parent as the channel's latest message).
    if (sent.channel !== this.target.id) await this.deps.pacer.turn(sent.channel);
    this.started = true;
    await this.link(thread);
    return { thread, posted: [0], adopted: false };
  }

  present(thread: SlackThread): Promise<Present> {
    const parts = this.messages.map((p) => p.message);
    return unlessAborted(partsInThread(this.deps.reader, thread, parts, this.deps.author), this.deps.signal);
  }

  async post(thread: SlackThread, index: number): Promise<void> {
    await this.send(thread.channel, {
      channel: thread.channel,
      thread_ts: thread.ts,
      ...this.message(index),
    });
  }

  private message(index: number): SlackMessage {
    const part = this.messages[index];
    if (!part) throw new RangeError(`no part ${index} in a thread of ${this.messages.length}`);
    return part.message;
  }

  /** One message in its channel's turn, waiting out up to three 429s; shutdown cuts any wait. */
  private async send(channel: string, message: webApi.ChatPostMessageArguments): Promise<SlackThread> {
    const { signal, log } = this.deps;
    for (let waits = 0; ; waits++) {
      await this.deps.pacer.turn(channel, signal).catch(asAborted);
      try {
        const sent = this.deps.client.chat.postMessage({ ...message, ...NO_UNFURL });
        const posted = await unlessAborted(sent, signal, true);
        return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || waits >= RATE_LIMIT_WAITS) throw error;
        log.info({ channel, cause: errorReason(error) }, "waiting as Slack asked before posting");
        await sleep(seconds * 1000, undefined, { signal }).catch(asAborted);
      }
    }
  }

  /** The thread's permalink, for the moderator's notes; a thread without one is only logged. */
  private async link(thread: SlackThread): Promise<void> {
    try {
      const asked = this.deps.reader.chat.getPermalink({ channel: thread.channel, message_ts: thread.ts });
      const { permalink } = await unlessAborted(asked, this.deps.signal);
      if (permalink) this.permalinks.set(thread.ts, permalink);
      else this.deps.log.warn({ channel: thread.channel, problem: "Slack returned no permalink" }, NO_LINK);
    } catch (error) {
      // Shutdown: the thread is what matters, and the report can name it without a link.
      if (this.deps.signal.aborted) return;
      this.deps.log.warn({ channel: thread.channel, problem: errorReason(error) }, NO_LINK);
    }
  }
}

const NO_LINK = "no permalink for the thread";

/** How the store keeps a Slack thread: "C123/1700000000.000100". */
export const encodeThread = (thread: SlackThread): string => `${thread.channel}/${thread.ts}`;

/** The remembered thread, if its parent message is still in the channel (deleted: undefined). */
async function stillThere(reader: webApi.WebClient, stored: string): Promise<SlackThread | undefined> {
  const [channel, ts] = stored.split("/");
  if (!channel || !ts) return undefined;
  try {
    const found = (await reader.conversations.replies({ channel, ts, limit: 1 })) as {
      messages?: { ts?: string }[];
    };
    return found.messages?.[0]?.ts === ts ? { channel, ts } : undefined;
  } catch (error) {
    if (platformErrorCode(error) === "thread_not_found" || platformErrorCode(error) === "message_not_found")
      return undefined;
    throw error;
  }
}
