import { describe, expect, it } from "vitest";
import { nameWindows } from "../../src/article/extract/name-windows.js";
import { extractQuotes } from "../../src/article/extract/quotes.js";
import { splitParagraphs } from "../../src/article/paragraphs.js";

/** The windows of `text` read as one paragraph per blank-line block. */
const windows = (text: string, alone?: ReadonlySet<string>) =>
  nameWindows(text, splitParagraphs(text), alone);

describe("the windows compromise reads for names", () => {
  it("reads a run of capitalised words with two words either side, inside its paragraph", () => {
    const text =
      "The shop on the corner was busy when store manager Wade Bassi opened the doors at nine sharp.\n\nNothing else happened that day at all.";
    expect(windows(text)).toEqual(["store manager Wade Bassi opened the"]);
  });

  it("counts a title in lower case as part of the run, and starts at the paragraph when it is near", () => {
    expect(windows("Then said chief inspector Jennifer Mattinson of the police, calmly.")).toEqual([
      "Then said chief inspector Jennifer Mattinson of the",
    ]);
    expect(windows("Mr Obama spoke first and for a long time.")).toEqual(["Mr Obama spoke first"]);
  });

  it("splits words at dashes, as compromise does", () => {
    expect(windows("It had the music of Claude Debussy—all of it modern.")).toEqual([
      "music of Claude Debussy—all of",
    ]);
  });

  it("reads no window where no name can be: a capital only at the start, or one capitalised word", () => {
    expect(windows("The council met on a wet evening and voted to close the road to Leeds.")).toEqual([]);
  });

  it("joins windows that touch, and reads a repeated stretch once", () => {
    const text =
      "Anna Smith and Jon Lee met at the market.\n\nLater, Anna Smith and Jon Lee met at the market again.";
    expect(windows(text)).toEqual(["Anna Smith and Jon Lee met at", "Later, Anna Smith and Jon Lee met at"]);
    expect(windows("It was Anna Smith again.\n\nIt was Anna Smith again.")).toEqual([
      "It was Anna Smith again.",
    ]);
  });

  it("reads a first name said alone only when asked to, for the people named in full", () => {
    const text = "Her mother, Fiona, said the trip had been long and cold.";
    expect(windows(text)).toEqual([]);
    expect(windows(text, new Set(["Fiona"]))).toEqual(["Her mother, Fiona, said the"]);
  });

  it("still knows a speaker named in full far above one quoted by surname", () => {
    const filler = Array.from(
      { length: 30 },
      (_, i) => `Paragraph ${i + 1} of the story talks about the weather and nothing more than that.`,
    );
    const text = [
      "The analyst Tom Forte has watched the grocery trade for twenty years.",
      ...filler,
      "“Prices will keep rising for the rest of the year,” Forte said.",
    ].join("\n\n");
    expect(extractQuotes(text).map((q) => q.speaker)).toEqual(["Tom Forte"]);
  });
});
