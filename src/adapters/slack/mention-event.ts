/**
 * An `app_mention` event read totally, and the command in it: `<@UBOT> quote grants` asks for
 * `/quote grants` (the slash is optional). Only what a member typed after the bot's own mention is
 * a command; mentions of anyone else never are. Events not from a member (another bot, an edit or
 * other subtype, the bot's own message) are not commands at all.
 */
import { splitCommandLine } from "../../core/parse-text.js";
import type { CommandPayload } from "./payload.js";

/** Where a mention was made, and so where its answers go. */
export interface MentionPlace {
  channel: string;
  user: string;
  /** The thread to answer in: the mention's own thread, or the mention itself when it was top-level. */
  threadTs: string;
  /** Whether the mention was made inside a thread (not at the channel's top level). */
  inThread: boolean;
}

export type ReadMention =
  | { ok: true; place: MentionPlace; payload: CommandPayload }
  /** Nothing to answer (and `why` for the log), or `hint` to say privately: a mention without a command. */
  | { ok: false; why: string; place?: MentionPlace; hint?: string };

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The event's command as a slash command's payload, so it goes through the same parsing and checks. */
export function readMention(
  event: unknown,
  body: unknown,
  { botUserId, botName }: { botUserId: string; botName: string },
): ReadMention {
  const e = (typeof event === "object" && event !== null ? event : {}) as Json;
  const envelope = (typeof body === "object" && body !== null ? body : {}) as Json;
  const user = str(e.user);
  if (e.bot_id !== undefined || e.subtype !== undefined) return { ok: false, why: "not from a member" };
  if (!user || user === botUserId) return { ok: false, why: "not from a member" };
  const channel = str(e.channel);
  const ts = str(e.ts);
  if (!channel || !ts) return { ok: false, why: "no channel or ts" };
  const thread = str(e.thread_ts);
  const place = { channel, user, threadTs: thread ?? ts, inThread: thread !== undefined && thread !== ts };
  const line = afterOwnMention(typeof e.text === "string" ? e.text : "", botUserId);
  if (line === undefined) return { ok: false, why: "the bot is not mentioned in the text" };
  const { name, text } = splitCommandLine(line);
  if (name === "") return { ok: false, why: "no command", place, hint: hint(botName) };
  return {
    ok: true,
    place,
    payload: {
      command: `/${name}`,
      text,
      user_id: user,
      user_name: "",
      channel_id: channel,
      team_id: str(e.team) ?? str(envelope.team_id) ?? "",
      response_url: undefined,
    },
  };
}

/** What follows the bot's first own mention (`<@UBOT>` or `<@UBOT|name>`), a `:` or `,` after it dropped. */
function afterOwnMention(text: string, botUserId: string): string | undefined {
  const own = new RegExp(`<@${botUserId.replace(/[^A-Z0-9]/giu, "")}(\\|[^>]*)?>`, "u");
  const found = botUserId === "" ? null : own.exec(text);
  if (!found) return undefined;
  return text.slice(found.index + found[0].length).replace(/^\s*[:,]?\s*/u, "");
}

const hint = (name: string) =>
  `Mention me with a command after my name, like @${name} summary or @${name} quote grants; @${name} help lists them all.`;
