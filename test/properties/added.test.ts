import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/adapters/console/render-json.js";
import { renderReply as discordReply } from "../../src/adapters/discord/render/reply.js";
import { renderReply as slackReply } from "../../src/adapters/slack/render/reply.js";
import type { AddedArticle } from "../../src/article/kinds.js";
import { type Outcome, OutcomeSchema } from "../../src/core/reply.js";
import { renderText } from "../../src/render/plain-text.js";
import { buzzfeed, plain, runOn } from "../commands/added-articles.js";
import { commandWithRawOptions } from "../support/arbitraries.js";
import { spansIn } from "../support/article.js";

/** Every answer about an added article: valid, renderable, its spans inside the stored text, its quotes whole. */
function check(outcome: Outcome, article: AddedArticle): void {
  expect(OutcomeSchema.safeParse(outcome).error).toBeUndefined();
  for (const span of spansIn(outcome))
    expect(0 <= span.start && span.start <= span.end && span.end <= article.text.length).toBe(true);
  renderText(outcome, article, { styled: false });
  JSON.parse(renderJson(outcome, article));
  if (outcome.kind !== "message") return;
  discordReply(outcome, article);
  slackReply(outcome, article);
  for (const block of outcome.blocks)
    if (block.type === "quote") {
      const quote = article.quotes.find((q) => q.start === block.quote.start && q.end === block.quote.end);
      expect(quote?.speaker).toBe(block.speaker);
    }
  if (outcome.tone === "error") expect(JSON.stringify(outcome.blocks).length).toBeLessThan(600);
}

describe("hostile options on an added article", () => {
  it.each([
    ["buzzfeed-1", buzzfeed],
    ["riverside-bridge", plain],
  ] as const)(
    "%s: every raw option value gets an answer or a short error, every quote whole and rightly attributed",
    (_name, article) => {
      fc.assert(
        fc.property(commandWithRawOptions(), ({ command, subcommand, options }) => {
          check(runOn(article, command, options, { subcommand, platform: "discord" }), article);
        }),
        { numRuns: 300 },
      );
    },
  );
});
