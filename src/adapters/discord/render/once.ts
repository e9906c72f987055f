/**
 * A reply rendered once, not once per member: the answer cache hands every member who asks the
 * same question the same frozen outcome (src/core/answer-cache.ts), and rendering is a pure
 * function of that outcome and the article text it points into, so the messages are kept beside
 * the outcome (a WeakMap: they go when the cache drops it) and frozen, like the outcome. An
 * outcome that is not frozen (made for this one request) is rendered as usual.
 */
import type { Reply } from "../../../core/reply.js";
import type { ShownArticle } from "../../../render/pack.js";
import { type EmbedMessage, renderReply } from "./reply.js";

interface Rendered {
  article: ShownArticle;
  messages: readonly EmbedMessage[];
}

// A memo of a pure function keyed by immutable objects, not state: dropping it changes nothing.
const rendered = new WeakMap<Reply, Rendered>();

export function renderOnce(reply: Reply, article: ShownArticle): readonly EmbedMessage[] {
  if (!Object.isFrozen(reply)) return renderReply(reply, article);
  const kept = rendered.get(reply);
  if (kept?.article === article) return kept.messages;
  const messages = Object.freeze(renderReply(reply, article).map(frozenMessage));
  rendered.set(reply, { article, messages });
  return messages;
}

/** Every member gets these very objects: a slip that would change one answer throws instead. */
const frozenMessage = (embeds: EmbedMessage): EmbedMessage =>
  Object.freeze(
    embeds.map((embed) => {
      if (embed.footer) Object.freeze(embed.footer);
      return Object.freeze(embed);
    }),
  ) as EmbedMessage;
