import { describe, expect, it } from "vitest";
import { renderOnce as discordOnce } from "../../src/adapters/discord/render/once.js";
import { renderReply as discordReply } from "../../src/adapters/discord/render/reply.js";
import { renderOnce as slackOnce } from "../../src/adapters/slack/render/once.js";
import { renderReply as slackReply } from "../../src/adapters/slack/render/reply.js";
import { AnswerCache } from "../../src/core/answer-cache.js";
import type { Reply } from "../../src/core/reply.js";
import type { ShownArticle } from "../../src/render/pack.js";
import { article, run } from "../support/article.js";

const reply = (outcome: ReturnType<typeof run>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};
// The answer cache freezes what it keeps: that outcome is the one every member gets.
const cached = () => reply(new AnswerCache().set("quote grants", run("quote", { topic: "grants" })));

/** Every object and array inside `value`, itself included. */
function everyObject(value: unknown, out: object[] = []): object[] {
  if (value !== null && typeof value === "object") {
    out.push(value);
    for (const child of Object.values(value)) everyObject(child, out);
  }
  return out;
}

type Render = (reply: Reply, article: ShownArticle) => object;

describe.each<[string, Render, Render]>([
  ["Discord embeds", discordOnce, discordReply],
  ["Slack Block Kit", slackOnce, slackReply],
])("a cached answer rendered as %s", (_, once, render) => {
  it("is rendered once: every member gets the same messages, frozen to the last field", () => {
    const outcome = cached();
    const first = once(outcome, article);
    expect(once(outcome, article)).toBe(first);
    expect(first).toEqual(render(outcome, article));
    const objects = everyObject(first);
    expect(objects.length).toBeGreaterThan(3);
    expect(objects.filter((o) => !Object.isFrozen(o))).toEqual([]);
    expect(() => (first as unknown[]).push({})).toThrow(TypeError);
  });

  it("is rendered anew when made for one request, or shown with another text", () => {
    const fresh = structuredClone(reply(run("quote", { topic: "grants" })));
    expect(once(fresh, article)).not.toBe(once(fresh, article));
    expect(once(fresh, article)).toEqual(render(fresh, article));
    expect(Object.isFrozen(once(fresh, article))).toBe(false);
    const outcome = cached();
    const other = { ...article, text: article.text.replaceAll("grant", "GRANT") };
    expect(once(outcome, other)).toEqual(render(outcome, other));
    expect(once(outcome, other)).not.toEqual(once(outcome, article));
  });
});
