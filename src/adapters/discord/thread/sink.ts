/**
 * The Discord sink the thread-posting core (src/core/thread/post.ts) posts /article post through:
 * the thread the command ran in, else a new thread in the channel; what is already in it; and one
 * message per part. A thread is its channel id.
 */

import {
  type ChatInputCommandInteraction,
  type Client,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from "discord.js";
import type { ThreadSink } from "../../../core/thread/sink.js";
import { unlessAborted } from "../../../runtime/abort.js";
import { NO_MENTIONS } from "../render/limits.js";
import type { ThreadPart } from "../render/thread.js";
import { createThread, findThread } from "./create.js";
import { CHECKED_AT_MOST, findPosted } from "./history.js";
import type { Target } from "./target.js";

export interface SinkOptions {
  client: Client<true>;
  /** The no-retry REST client: createThread retries only after looking for the thread. */
  once: REST;
  interaction: ChatInputCommandInteraction;
  target: Exclude<Target, { kind: "problem" }>;
  /** The new thread's name (threadName of the plan). */
  name: string;
  parts: readonly ThreadPart[];
}

export function discordSink(options: SinkOptions): ThreadSink<string> {
  const { client, once, interaction, target, name, parts } = options;
  return {
    parts,
    // A thread the bot already started here under this title (a re-run after a failure or a
    // restart, even one that killed it between creating the thread and its first message).
    existing: async () =>
      target.kind === "thread"
        ? target.id
        : findThread(client, { guildId: interaction.guildId ?? "", channelId: target.id, name }),
    async open() {
      if (target.kind !== "channel") throw new Error("a thread target is never opened");
      const created = await createThread(client, once, {
        guildId: interaction.guildId ?? "",
        channelId: target.id,
        type: target.type,
        name,
        by: interaction.user.username,
      });
      return { thread: created.id, posted: [], adopted: created.found };
    },
    async present(thread) {
      const found = await findPosted(client, thread, parts);
      return found.complete ? found : { ...found, checked: CHECKED_AT_MOST };
    },
    async post(thread, index, signal) {
      const body = messageBody(parts[index] as ThreadPart, `${interaction.id}:${index}`);
      // Sent at once: shutdown leaves it unconfirmed, perhaps posted.
      await unlessAborted(client.rest.post(Routes.channelMessages(thread), { body }), signal, true);
    },
  };
}

/** One part as Discord receives it: nobody pinged, and a nonce so a retried request posts it once. */
export function messageBody(part: ThreadPart, nonce: string): RESTPostAPIChannelMessageJSONBody {
  return {
    ...part.message,
    allowed_mentions: NO_MENTIONS,
    // Discord drops a repeat of a recent nonce, so a request discord.js retries after a timeout or
    // a server error cannot post the same part twice.
    nonce,
    enforce_nonce: true,
  };
}
