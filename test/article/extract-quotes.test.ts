import { describe, expect, it } from "vitest";
import { splitParagraphs, splitSentences } from "../../src/article/paragraphs.js";
import { attributeQuotes, type Person } from "../../src/article/quotes.js";

const smith: Person = { name: "Ann Smith", aliases: ["Smith"] };
const jones: Person = { name: "Bo Jones", aliases: ["Jones"] };
const doe: Person = { name: "Jane Doe", aliases: ["Doe", "the mayor"] };

/** [quote text, speaker] for each attributed quote in `paragraphs`. */
const attributed = (paragraphs: string[], people: Person[] = [smith, jones, doe]) => {
  const text = paragraphs.join("\n\n");
  const ps = splitParagraphs(text);
  return attributeQuotes(text, ps, splitSentences(text, ps), people).map((q) => [
    text.slice(q.start, q.end),
    q.speaker,
    text.slice(q.cue.start, q.cue.end),
  ]);
};

describe("the attribution rule on text it has not seen", () => {
  it("takes the name beside the cue, on either side, with a title or an appositive between", () => {
    expect(
      attributed([
        "“We will open the new library before the end of the year,” said Jane Doe, the mayor.",
        "According to Smith, “the budget for the library was approved in March by everyone.”",
        "Bo Jones, a local teacher, said: “The children have waited far too long for this building.”",
      ]),
    ).toEqual([
      ["“We will open the new library before the end of the year,”", "Jane Doe", "said"],
      ["“the budget for the library was approved in March by everyone.”", "Ann Smith", "According to"],
      ["“The children have waited far too long for this building.”", "Bo Jones", "said"],
    ]);
  });

  it("lets a quotation with no cue continue the one before, unless someone else is named between", () => {
    expect(
      attributed([
        "“The plan is finished and the council has the costs,” Smith said. “We can start building next spring.”",
        "“Every family in the valley will notice the difference within a year.”",
        "“That was a promise made many times before,” Jones replied, but Doe was not there. “Nobody believes a single word of it now.”",
      ]),
    ).toEqual([
      ["“The plan is finished and the council has the costs,”", "Ann Smith", "said"],
      ["“We can start building next spring.”", "Ann Smith", "said"],
      ["“Every family in the valley will notice the difference within a year.”", "Ann Smith", "said"],
    ]);
  });

  it("resolves he or she only to the one person named just before, and never guesses between two", () => {
    expect(
      attributed([
        "Smith spoke for an hour at the hall.",
        "“Our roads will be repaired before the first snow arrives,” she said.",
        "Later Jones and Doe met the press together.",
        "“The repairs will cost twice what anyone has said so far,” he said.",
      ]),
    ).toEqual([["“Our roads will be repaired before the first snow arrives,”", "Ann Smith", "said"]]);
  });

  it("refuses two names beside one cue, possessives, scare quotes and quotations with no cue", () => {
    expect(
      attributed([
        "Jones told Smith that “the plan cannot work without more money from the state.”",
        "Doe left early. Her notes said “the state has no money left for this plan at all.”",
        "The “so-called” plan, the “people’s budget”, was discussed at length by Smith and others.",
        "“This is the worst plan the town has seen in fifty years of trying.”",
      ]),
    ).toEqual([]);
  });

  it("pairs straight quotes only where a paragraph has an even number of them", () => {
    expect(
      attributed([
        '"The water is safe to drink again in every part of town," Smith said.',
        'The 6" pipe burst, Jones said, and "the repairs will take most of the coming week."',
      ]),
    ).toEqual([['"The water is safe to drink again in every part of town,"', "Ann Smith", "said"]]);
  });
});
