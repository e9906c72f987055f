import { describe, expect, it } from "vitest";
import { renderReply as discordReply } from "../../src/adapters/discord/render/reply.js";
import { renderReply as slackReply } from "../../src/adapters/slack/render/reply.js";
import type { Reply } from "../../src/core/reply.js";
import { renderText } from "../../src/render/plain-text.js";
import { plain, runOn } from "../commands/added-articles.js";
import { plain as discordPlain } from "../fakes/discord/markdown.js";
import { visibleText } from "../fakes/slack/index.js";
import { article, run } from "../support/article.js";

const asReply = (outcome: ReturnType<typeof run>): Reply => {
  if (outcome.kind !== "message") throw new Error("expected a message");
  return outcome;
};

/** Every renderer's text for a reply, as a member reads it. */
const shownBy = (reply: Reply, on: Parameters<typeof renderText>[1]) => ({
  console: renderText(reply, on, { styled: false }),
  discord: discordPlain(
    discordReply(reply, on)
      .flat()
      .map((e) => e.description ?? "")
      .join("\n"),
  ),
  slack: slackReply(reply, on)
    .map((m) => visibleText({ ...m, text: "" }))
    .join("\n"),
});

describe("who said a quote, in the three renderers", () => {
  it("names an added article's speaker with no role and no dangling comma", () => {
    const reply = asReply(runOn(plain, "quote", { topic: "bridge" }));
    for (const [renderer, shown] of Object.entries(shownBy(reply, plain))) {
      expect(shown, renderer).toContain("— Tom Becker · passage 2 of 3, ¶3");
      expect(shown, renderer).toContain("— Maria Lopez · passage 1 of 3, ¶2");
      expect(shown, renderer).not.toMatch(/, ·|,\s+·/u);
      for (const q of plain.quotes) expect(shown, renderer).toContain(plain.text.slice(q.start, q.end));
    }
  });

  it("keeps the shipped speaker's role", () => {
    const reply = asReply(run("quote", { topic: "grants" }));
    const { speaker } = article;
    for (const [renderer, shown] of Object.entries(shownBy(reply, article)))
      expect(shown, renderer).toContain(`— ${speaker.name}, ${speaker.role} · passage 3 of 3, ¶8`);
  });

  it("shows an item that is only the article's words without a label in front", () => {
    const reply = asReply(runOn(plain, "summary"));
    for (const [renderer, shown] of Object.entries(shownBy(reply, plain))) {
      for (const s of plain.summary.short)
        expect(shown, renderer).toContain(plain.text.slice(s.start, s.end));
      expect(shown, renderer).not.toMatch(/^\s*(•|-)\s*:/mu);
    }
  });
});
