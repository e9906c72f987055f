import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/adapters/console/render-json.js";
import { dispatch } from "../../src/core/dispatch.js";
import { parseCommandLine } from "../../src/core/parse-text.js";
import { type Outcome, OutcomeSchema } from "../../src/core/reply.js";
import { renderText } from "../../src/render/plain-text.js";
import { commandWithRawOptions, hostileText, RUNS } from "../support/arbitraries.js";
import { article, bot, commands, run } from "../support/article.js";

const quoteTexts = new Set(article.quotes.map((q) => article.text.slice(q.start, q.end)));

/** Quote blocks must carry one of Sessions' passages, and the plain rendering must show it verbatim. */
function checkOutcome(outcome: Outcome): void {
  expect(OutcomeSchema.safeParse(outcome).error).toBeUndefined();
  const plain = renderText(outcome, article, { styled: false });
  renderText(outcome, article, { styled: true });
  const json = JSON.parse(renderJson(outcome, article));
  expect(json.kind).toBe(outcome.kind);
  if (outcome.kind !== "message") return;
  for (const block of outcome.blocks) {
    if (block.type !== "quote") continue;
    const words = article.text.slice(block.quote.start, block.quote.end);
    expect(quoteTexts.has(words)).toBe(true);
    expect(plain).toContain(`> ${words}\n`);
  }
}

const names = ["summary", "quote", "penalties", "article post", "help", "nope", "article"];

describe("hostile input through parsing, dispatch and the console renderer", () => {
  it("never throws, and every quote stays an exact slice of the article", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        hostileText(),
        fc.boolean(),
        async (name, text, isModerator) => {
          const parsed = parseCommandLine(`/${name} ${text}`, commands);
          if (!parsed.ok) {
            expect(parsed.error.length).toBeGreaterThan(0);
            return;
          }
          checkOutcome(
            await dispatch(
              { ...parsed, user: { id: "u" }, isModerator: () => isModerator, platform: "console" },
              bot,
            ),
          );
        },
      ),
      RUNS,
    );
  });

  it("gives every raw option value a reply or a short error, never an exception", () => {
    fc.assert(
      fc.property(commandWithRawOptions(), ({ command, subcommand, options }) => {
        const outcome = run(command, options, { subcommand, platform: "discord" });
        checkOutcome(outcome);
        if (outcome.kind === "message" && outcome.tone === "error") {
          const text = JSON.stringify(outcome.blocks);
          expect(text.length).toBeLessThan(600);
        }
      }),
      RUNS,
    );
  });

  it("refuses any topic with a control character or over 100 characters", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(300), async (topic) => {
        const trimmed = topic.trim();
        const bad = /\p{Cc}/u.test(trimmed) || [...trimmed].length > 100; // zod counts code points
        const outcome = await dispatch(
          {
            command: "quote",
            options: { topic },
            user: { id: "u" },
            isModerator: () => false,
            platform: "slack",
          },
          bot,
        );
        expect(outcome.kind === "message" && outcome.tone === "error").toBe(bad);
      }),
      RUNS,
    );
  });
});
