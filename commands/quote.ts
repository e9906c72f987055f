/** /quote: the speaker's passages on a topic, verbatim and best first, or an index of them all. */
import { defineCommand, option } from "../src/core/command.js";
import { possessive, quoteBlock, sourceFooter, visibility } from "../src/core/reply-parts.js";

export default defineCommand({
  name: "quote",
  description: "Sessions’ own words on a topic, verbatim, with where the article quotes them",
  access: "everyone",
  options: {
    topic: option.text("A word or phrase, e.g. grants, claw back, 1373", {
      complete: (article, typed) => article.search.suggest(typed),
    }),
    private: option.flag("Show the answer only to you"),
  },
  examples: ["/quote", "/quote grants", "/quote claw back private"],
  run({ article }, { topic, private: isPrivate }) {
    const { speaker, quotes, search } = article;
    if (topic === undefined) {
      return {
        kind: "message",
        visibility: visibility(isPrivate),
        title: `${possessive(speaker.name)} ${quotes.length} quoted passages`,
        blocks: [
          {
            type: "list",
            ordered: true,
            items: quotes.map((q) => ({
              text: `Topics: ${(search.topicsByQuote.get(q.number) ?? []).join(", ") || "general"}. It begins`,
              cites: [q.paragraph],
              quote: opening(article.text, q.sentences[0] ?? q),
            })),
          },
        ],
        footer: `Type /quote with a topic for the whole passage, e.g. /quote ${search.topics[0]?.name ?? "grants"}`,
      };
    }

    const hits = search.search(topic);
    if (hits.length === 0) {
      return {
        kind: "message",
        visibility: "private",
        title: "No matching quote",
        blocks: [
          { type: "text", text: `${speaker.name} says nothing in this article that matches “${topic}”.` },
          { type: "text", text: `Topics that do match: ${search.closest(topic).join(", ")}.` },
        ],
        footer: "Type /quote with no topic to list all of his quoted passages.",
      };
    }
    // Honest about a match through a related word: he did not say what the member typed.
    const related = (hits[0]?.via ?? []).map(
      (v) => `no passage says “${v.typed}”; this one mentions ${v.found}`,
    );
    const note =
      related.length > 0 ? [{ type: "text" as const, text: `${capitalise(related.join("; "))}.` }] : [];
    return {
      kind: "message",
      visibility: visibility(isPrivate),
      title: `${speaker.name} on “${topic}”`,
      blocks: [...note, ...hits.map((h) => quoteBlock(article, h.quote, h.matched))],
      footer: `${hits.length} of his ${quotes.length} quoted passages ${hits.length === 1 ? "matches" : "match"}, best first; matching sentences are marked · ${sourceFooter(article)}`,
    };
  },
});

/** The first sentence without the passage's opening mark, so a renderer can quote it whole. */
function opening(text: string, first: { start: number; end: number }) {
  return { start: first.start + (text[first.start] === "“" ? 1 : 0), end: first.end };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
