/**
 * `@bot article post` inside a thread the bot started for the article resumes that thread, even
 * one posted under a title of its own: with no title or channel given, the title is taken from
 * the thread's parent (its header), so the post the core plans is that thread's and the sink finds
 * it as it finds any earlier post. Anywhere else the mention is left as typed.
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../runtime/log.js";
import { errorReason } from "./errors.js";
import type { MentionPlace } from "./mention-event.js";
import type { CommandPayload } from "./payload.js";
import type { Author } from "./thread/history.js";

interface Listed {
  ts?: string;
  user?: string;
  bot_id?: string;
  blocks?: { type?: string; text?: { text?: unknown } }[];
}

/** The payload to run: `post` given the thread's own title when asked bare in the bot's thread. */
export async function inItsThread(
  payload: CommandPayload,
  place: MentionPlace,
  deps: { reader: webApi.WebClient; author: Author; log: Logger },
): Promise<CommandPayload> {
  // Bare: no title or channel given (a confirm:false for scripts may come along).
  const bare =
    payload.command === "/article" ? /^\s*post((?:\s+confirm[:=]\S+)*)\s*$/iu.exec(payload.text) : null;
  if (!place.inThread || !bare) return payload;
  const options = bare[1] ?? "";
  try {
    const { messages } = (await deps.reader.conversations.replies({
      channel: place.channel,
      ts: place.threadTs,
      limit: 1,
    })) as { messages?: Listed[] };
    const parent = messages?.find((m) => m.ts === place.threadTs);
    const byBot = parent && (parent.bot_id === deps.author.botId || parent.user === deps.author.botUserId);
    const [header] = parent?.blocks ?? [];
    const title = header?.type === "header" ? header.text?.text : undefined;
    if (!byBot || typeof title !== "string" || title.trim() === "") return payload;
    // A title with a #word in it would be read as a channel: such a post is resumed as typed.
    if (/(^|\s)<?#/u.test(title)) return payload;
    return { ...payload, text: `post${options} title:${title.trim()}` };
  } catch (error) {
    // The post goes ahead as asked; the sink reads the channel itself and says what fails.
    deps.log.warn(
      { channel: place.channel, cause: errorReason(error) },
      "could not read the thread's parent",
    );
    return payload;
  }
}
