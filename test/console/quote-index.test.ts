import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/adapters/console/render-json.js";
import type { AnyArticle } from "../../src/article/kinds.js";
import { buzzfeed, plain, runOn } from "../commands/added-articles.js";
import { runBot } from "../support/process.js";

interface SpanJson {
  start: number;
  end: number;
  text: string;
}
interface ItemJson {
  speaker: string;
  passage: SpanJson;
  quote: SpanJson;
}

/** The index items a machine reads: who, where in the stored text, and the words. */
const extraction = (items: ItemJson[]) =>
  items.map(({ speaker, passage }) => ({
    speaker,
    start: passage.start,
    end: passage.end,
    text: passage.text,
  }));

const expected = (article: Pick<AnyArticle, "text" | "quotes">) =>
  article.quotes.map((q) => ({
    speaker: q.speaker,
    start: q.start,
    end: q.end,
    text: article.text.slice(q.start, q.end),
  }));

describe("the /quote index as JSON, for checking the extraction by machine", () => {
  it("the real console (--json) lists every attributed quote of the shipped article with its speaker, offsets and text", async () => {
    const run = await runBot("/quote\n/quote speaker:sessions\n/quote speaker:obama\n", ["--json"]);
    expect(run.code).toBe(0);
    const [line, bySurname, nobody, ...rest] = run.stdout.trim().split("\n");
    expect(rest).toEqual([]);
    // speaker: typed in chat text names its own option; Sessions by surname is everyone here.
    expect(bySurname).toBe(line);
    expect(JSON.parse(nobody ?? "").blocks[0].text).toBe(
      "Nobody called “obama” is quoted in this article. Quoted: Jeff Sessions.",
    );
    const outcome = JSON.parse(line ?? "");
    const items = outcome.blocks[0].items as ItemJson[];
    // Checked against the file itself, not the bot's own loading of it.
    const stored = readFileSync(join(import.meta.dirname, "..", "..", "data", "article.txt"), "utf8");
    expect(items).toHaveLength(3);
    for (const { passage, quote, speaker } of items) {
      expect(speaker).toBe("Jeff Sessions");
      expect(passage.text).toBe(stored.slice(passage.start, passage.end));
      expect(passage.text.startsWith("“")).toBe(true);
      expect(quote.text).toBe(stored.slice(quote.start, quote.end));
      expect(passage.text).toContain(quote.text);
    }
  });

  it.each([
    ["buzzfeed-1", buzzfeed],
    ["riverside-bridge", plain],
  ] as const)(
    "an added article's index (%s) holds every attributed quote, exactly as stored",
    (_name, article) => {
      const json = JSON.parse(renderJson(runOn(article, "quote"), article));
      expect(extraction(json.blocks[0].items)).toEqual(expected(article));
      for (const item of json.blocks[0].items as ItemJson[])
        expect(item.quote.text).toBe(article.text.slice(item.quote.start, item.quote.end));
    },
  );
});
