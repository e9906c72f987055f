/**
 * A reply rendered once, not once per member: the answer cache hands every member who asks the
 * same question the same frozen outcome (src/core/answer-cache.ts), and rendering is a pure
 * function of that outcome and the article text it points into, so what a renderer makes is kept
 * beside the outcome (a WeakMap: it goes when the cache drops the outcome) and frozen all the way
 * down, like the outcome: a slip that would change one member's answer throws instead. An outcome
 * that is not frozen (made for this one request) is rendered as usual. Each adapter wraps its own
 * renderer (Discord's embeds, Slack's Block Kit).
 */
import { deepFreeze } from "../core/deep-freeze.js";
import type { Reply } from "../core/reply.js";
import type { ShownArticle } from "./pack.js";

export function renderedOnce<T extends object>(
  render: (reply: Reply, article: ShownArticle) => T,
): (reply: Reply, article: ShownArticle) => T {
  // A memo of a pure function keyed by immutable objects, not state: dropping it changes nothing.
  const rendered = new WeakMap<Reply, { article: ShownArticle; value: T }>();
  return (reply, article) => {
    if (!Object.isFrozen(reply)) return render(reply, article);
    const kept = rendered.get(reply);
    if (kept?.article === article) return kept.value;
    const value = deepFreeze(render(reply, article));
    rendered.set(reply, { article, value });
    return value;
  };
}
