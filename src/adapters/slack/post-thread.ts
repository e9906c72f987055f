import type { webApi } from "@slack/bolt";
import type { Logger } from "../../log.js";
import { describeSlackError, needsInvite } from "./api-errors.js";
import type { SlackMessage } from "./blocks.js";
import { type ChannelRef, channelById } from "./channel.js";
import type { Pacer } from "./pacer.js";
import { done, firstWords, notStarted, started, stoppedPart, type ThreadNote } from "./progress.js";
import type { RenderedThread } from "./render-thread.js";

export interface ThreadDeps {
  client: webApi.WebClient;
  pacer: Pacer;
  log: Logger;
  /** The bot's user name, for the `/invite @name` hint. */
  botName: string;
  /** An ephemeral note to the moderator who asked; it never throws. */
  tell(message: SlackMessage): Promise<void>;
}

// The article is the point of the message; Slack's link previews would only crowd it.
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

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
  const { client, pacer, log, tell } = deps;
  const note: ThreadNote = { title, channel: target.label, replies: thread.replies.length };
  const context = { command: "article post", platform: "slack", channel: target.id };

  let parent: { channel: string; ts: string };
  try {
    await pacer.turn(target.id);
    const posted = await client.chat.postMessage({ channel: target.id, ...thread.parent, ...NO_UNFURL });
    parent = { channel: posted.channel ?? target.id, ts: posted.ts ?? "" };
  } catch (error) {
    log.error({ ...context, err: error, posted: "nothing" }, "article post failed");
    await tell(notStarted(note, describeSlackError(error), needsInvite(error) ? deps.botName : undefined));
    return;
  }
  // A channel named by #name is known by its ID from here on: link it, and pace the replies
  // under the ID (taking a turn now marks the parent as the channel's latest message).
  if (target.id !== parent.channel) {
    note.channel = channelById(parent.channel).label;
    await pacer.turn(parent.channel);
  }

  const link = await permalink(client, parent);
  if (link.problem) log.warn({ ...context, problem: link.problem }, "no permalink for the thread");
  await tell(started(note, link.url));

  for (const [i, reply] of thread.replies.entries()) {
    try {
      await pacer.turn(parent.channel);
      await client.chat.postMessage({
        channel: parent.channel,
        thread_ts: parent.ts,
        ...reply,
        ...NO_UNFURL,
      });
    } catch (error) {
      log.error(
        { ...context, err: error, posted: `parent and ${i} of ${thread.replies.length} replies` },
        "article post stopped part-way",
      );
      await tell(stoppedPart(note, i, describeSlackError(error), link.url, firstWords(reply.text)));
      return;
    }
  }
  await tell(done(note, link.url, link.problem));
}

async function permalink(
  client: webApi.WebClient,
  message: { channel: string; ts: string },
): Promise<{ url?: string; problem?: string }> {
  try {
    const { permalink: url } = await client.chat.getPermalink({
      channel: message.channel,
      message_ts: message.ts,
    });
    return url ? { url } : { problem: "Slack returned no permalink" };
  } catch (error) {
    return { problem: describeSlackError(error) };
  }
}
