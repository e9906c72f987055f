/**
 * The attribution rule's precision cases, each on a few lines of text with its people given, the
 * way real pages showed them (mozilla/readability's test pages, 2026-12-02): a name the article's
 * people do not include beside the cue, a pronoun beside the cue with a name elsewhere in the
 * sentence, a title in quotation marks, a dialogue of uncued lines, an open quotation over several
 * paragraphs, and a photo caption between a speaker's name and "he said".
 */
import { describe, expect, it } from "vitest";
import { splitParagraphs, splitSentences } from "../../src/article/paragraphs.js";
import { attributeQuotes, type Person } from "../../src/article/quotes.js";

function attributed(lines: string[], people: Person[]) {
  const text = lines.join("\n\n");
  const paragraphs = splitParagraphs(text);
  return attributeQuotes(text, paragraphs, splitSentences(text, paragraphs), people).map((q) => ({
    speaker: q.speaker,
    quote: text.slice(q.start, q.end),
  }));
}

const ALDEN = { name: "Alden Thorn", aliases: ["Alden"] };

describe("the attribution rule", () => {
  it("leaves a quote out when someone the article's people do not include is beside the cue", () => {
    const lines = [
      "Alden was busy watching a video when the door closed.",
      "As soon as she closed the door behind her, Haoyu said, “Why can she wear food, but we can’t eat food?”",
    ];
    expect(attributed(lines, [ALDEN])).toEqual([]);
  });

  it("still attributes through a possessive, an initial or a title before the name", () => {
    const lines = [
      "According to RedMonk’s Stephens, “we are in a cash-constrained financial environment right now.”",
      "“It’s very much something to worry about, and soon,” said C. Eugene Steuerle, a fellow.",
      "“A stimulus at the end of a cycle will not end well at all,” said Sen. Warner on Friday.",
    ];
    const people = [
      { name: "Rachel Stephens", aliases: ["Stephens"] },
      { name: "Eugene Steuerle", aliases: ["Steuerle"] },
      { name: "Mark Warner", aliases: ["Warner"] },
    ];
    expect(attributed(lines, people).map((q) => q.speaker)).toEqual([
      "Rachel Stephens",
      "Eugene Steuerle",
      "Mark Warner",
    ]);
  });

  it("gives “he wrote” to the person named before, not to one named later in the sentence", () => {
    const lines = [
      "Dutch explorer Abel Tasman sighted the coast in 1642 and named it Staten Land. He wrote, “it is possible that this land joins to the Staten Land but it is uncertain”, referring to a landmass discovered by Jacob Le Maire in 1616.",
    ];
    const people = [
      { name: "Abel Tasman", aliases: ["Tasman"] },
      { name: "Jacob Le Maire", aliases: ["Le Maire"] },
    ];
    expect(attributed(lines, people).map((q) => q.speaker)).toEqual(["Abel Tasman"]);
  });

  it("never offers a title in quotation marks as someone's words", () => {
    const lines = [
      "In her book “A Paradise Built in Hell: The Extraordinary Communities That Arise in Disaster,” Rebecca Solnit wrote of what people find when they pull together.",
    ];
    expect(attributed(lines, [{ name: "Rebecca Solnit", aliases: ["Solnit"] }])).toEqual([]);
  });

  it("goes on one paragraph from a cued quote, but not through a dialogue of uncued lines", () => {
    const lines = [
      "“This is fun, and I am glad that you asked me along,” Alden said.",
      "“I was more worried about wearing my towel backwards than the money.”",
      "“Absolutely not, it is a rite of passage to figure it out yourself.”",
      "“As a friend, I should tell you to go to bed before I drop the debt on you.”",
    ];
    expect(attributed(lines, [ALDEN]).map((q) => q.quote)).toEqual([
      "“This is fun, and I am glad that you asked me along,”",
      "“I was more worried about wearing my towel backwards than the money.”",
    ]);
  });

  it("follows one speaker's open quotation over as many paragraphs as it runs", () => {
    const lines = [
      "“The drug was in her system and there was nothing anyone could do,” her mother, Fiona, said in a statement.",
      "“As Eloise deteriorated, the staff did all they could to stabilise her and cool her down.",
      "“They were fighting an uphill battle from the very start of the night.",
      "“She was literally burning up from within, all of us could see it.”",
    ];
    const quotes = attributed(lines, [{ name: "Fiona Parry", aliases: ["Fiona"] }]);
    expect(quotes.map((q) => q.speaker)).toEqual(Array(4).fill("Fiona Parry"));
  });

  it("looks past a photo caption for the person “he said” refers to", () => {
    const lines = [
      "Earlier on Saturday, Yoon apologized for his actions in a brief televised address to the nation.",
      "An image of the president is raised during a rally in Seoul on Thursday. Anthony Wallace / AFP - Getty Images",
      "“I deeply regret this and sincerely apologize to the citizens who were alarmed,” he said.",
    ];
    const people = [
      { name: "Yoon Suk Yeol", aliases: ["Yoon"] },
      { name: "Anthony Wallace", aliases: ["Wallace"] },
    ];
    expect(attributed(lines, people).map((q) => q.speaker)).toEqual(["Yoon Suk Yeol"]);
  });
});
