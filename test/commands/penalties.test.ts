import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { article, run } from "../support/article.js";

describe("/penalties", () => {
  const reply = run("penalties") as Reply;
  const lists = reply.blocks.filter((b) => b.type === "list");
  const slice = (s: { start: number; end: number } | undefined) =>
    s ? article.text.slice(s.start, s.end) : "";

  it("gives each penalty in Sessions' exact words", () => {
    const penalties = lists[1]?.type === "list" ? lists[1].items : [];
    expect(penalties.map((i) => slice(i.quote))).toEqual([
      "withholding grants",
      "termination of grants",
      "disbarment or in eligibility for future grants",
      "The Department of Justice will also take all lawful steps to claw back any funds awarded to a jurisdiction that willfully violates 1373",
    ]);
  });

  it("names the condition they attach to and the law", () => {
    const condition = lists[0]?.type === "list" ? lists[0].items[0] : undefined;
    expect(slice(condition?.quote)).toBe(
      "the Department of Justice will require jurisdictions seeking or applying for Department of Justice grants to certify compliance",
    );
    const intro = reply.blocks[0];
    expect(intro?.type === "text" && intro.text).toContain("8 USC 1373");
  });

  it("takes every penalty from inside his quotes, none from the author's prose", () => {
    const q = article.quotes[2];
    for (const item of article.penalties.items) {
      expect(item.span.start).toBeGreaterThanOrEqual(q?.start ?? Number.NaN);
      expect(item.span.end).toBeLessThanOrEqual(q?.end ?? Number.NaN);
    }
    const labels = (lists[1]?.type === "list" ? lists[1].items : []).map((i) => i.text.toLowerCase());
    expect(labels.join(" ")).not.toMatch(/retaliatory|fines|less safe/u);
  });
});
