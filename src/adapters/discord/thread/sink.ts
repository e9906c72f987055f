/**
 * The Discord sink the thread-posting core (src/core/thread/post.ts) posts /article post through:
 * the thread the command ran in, else a new thread in the channel; what is already in it; and one
 * message per part. A thread is its channel id.
 */

import {
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from "discord.js";
import { rememberedThread, type ThreadMemory } from "../../../core/thread/remembered.js";
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
  /** Where the store remembers this post's thread (absent: the platform is asked alone). */
  memory?: ThreadMemory | undefined;
}

export function discordSink(options: SinkOptions): ThreadSink<string> {
  const { client, once, interaction, target, name, parts, memory } = options;
  const lookup = () => findThread(client, { guildId: interaction.guildId ?? "", channelId: target.id, name });
  return {
    parts,
    // A thread the bot already started here under this title (a re-run after a failure or a
    // restart, even one that killed it between creating the thread and its first message): the one
    // the store remembers if Discord still has it, else the newest one Discord lists.
    existing: async () =>
      target.kind === "thread"
        ? target.id
        : rememberedThread(memory, (id) => stillThere(client, id, target.id), lookup),
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

/** The remembered thread, if Discord still has it in this channel (deleted: undefined). */
async function stillThere(client: Client<true>, id: string, parent: string): Promise<string | undefined> {
  try {
    const thread = (await client.rest.get(Routes.channel(id))) as { parent_id?: string | null };
    return thread.parent_id === parent ? id : undefined;
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403)) return undefined;
    throw error;
  }
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
