/** Sending rendered messages as the answer to an interaction: reply, follow-ups, short notes. */
import {
  type APIEmbed,
  type JSONEncodable,
  MessageFlags,
  MessagePayload,
  type RepliableInteraction,
} from "discord.js";
import { NO_MENTIONS } from "./render/limits.js";
import type { EmbedMessage } from "./render/reply.js";

/**
 * Answers an interaction with rendered messages: the first is the reply, any more are follow-ups
 * with the same visibility. `private` answers are ephemeral (only the member sees them).
 */
export async function sendReply(
  interaction: RepliableInteraction,
  messages: readonly EmbedMessage[],
  visibility: "public" | "private",
): Promise<void> {
  const flags = visibility === "private" ? MessageFlags.Ephemeral : undefined;
  const [first = [], ...more] = messages;
  // After a deferral (a slow answer), the first message edits it; it keeps the deferral's privacy.
  if (interaction.deferred && !interaction.replied)
    await interaction.editReply({ embeds: first.map(asJson), allowedMentions: NO_MENTIONS });
  else await interaction.reply(replyPayload(interaction, first, flags));
  for (const embeds of more)
    await interaction.followUp({
      embeds: embeds.map(asJson),
      allowedMentions: NO_MENTIONS,
      ...(flags ? { flags } : {}),
    });
}

/** The body discord.js made for a rendered (frozen) message, by its flags; see `replyPayload`. */
const bodies = new WeakMap<EmbedMessage, Map<number, NonNullable<MessagePayload["body"]>>>();

/**
 * The reply's options as discord.js's MessagePayload. A rendered message that is frozen (render/once.ts:
 * the same for every member who asks the same question) gets discord.js's own body for it, made by
 * its resolveBody the first time: that body depends on nothing of the interaction (no nonce is
 * asked for), and making it again per reply costs more than answering (discord.js looks up its
 * classes with require() on each one).
 */
function replyPayload(
  interaction: RepliableInteraction,
  embeds: EmbedMessage,
  flags: MessageFlags.Ephemeral | undefined,
): MessagePayload {
  const payload = new MessagePayload(interaction, {
    embeds: embeds.map(asJson),
    allowedMentions: NO_MENTIONS,
    ...(flags ? { flags } : {}),
  });
  const kept = Object.isFrozen(embeds) ? bodies.get(embeds) : undefined;
  const body = kept?.get(flags ?? 0);
  if (body) {
    payload.body = body;
    payload.files = [];
    return payload;
  }
  payload.resolveBody();
  const made = payload.body as (MessagePayload["body"] & { nonce?: unknown }) | null;
  if (!Object.isFrozen(embeds) || !made || made.nonce !== undefined) return payload;
  bodies.set(embeds, (kept ?? new Map()).set(flags ?? 0, Object.freeze(made)));
  return payload;
}

/**
 * Our embeds are Discord's JSON already. Handed over as plain objects, discord.js would rebuild
 * each one converting every key to snake_case, a real cost under a burst; as JSON-encodable
 * objects they go out as they are.
 */
const asJson = (embed: APIEmbed): JSONEncodable<APIEmbed> => ({ toJSON: () => embed });

/**
 * A short ephemeral note, whatever state the interaction is in: the reply if none was sent yet,
 * else an edit of the deferred reply, else a follow-up. Exactly one answer, never a second reply.
 */
export async function tell(interaction: RepliableInteraction, content: string): Promise<void> {
  if (interaction.deferred && !interaction.replied)
    await interaction.editReply({ content, embeds: [], allowedMentions: NO_MENTIONS });
  else if (interaction.replied || interaction.deferred)
    await interaction.followUp({ content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}
