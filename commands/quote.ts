/** /quote: a speaker's passages on a topic, verbatim and best first, or an index of them all. */
import { defineCommand, option } from "../src/core/command.js";
import { errorReply } from "../src/core/reply.js";
import { possessive, quoteBlock, sourceFooter, visibility } from "../src/core/reply-parts.js";
import { addedQuote } from "./added/quote.js";
import {
  asksForAll,
  chooseSpeaker,
  completeSpeaker,
  opening,
  relatedNote,
  SPEAKER_MAX,
} from "./quote-parts.js";

export default defineCommand({
  name: "quote",
  description: "{speaker’s} own words on a topic, verbatim, with where the article quotes them",
  access: "everyone",
  options: {
    topic: option.text("A word or phrase, e.g. grants, claw back, 1373", {
      complete: (article, typed) => article.search.suggest(typed),
    }),
    speaker: option.text("Only this person's quotes: a name or surname, e.g. {speaker}", {
      maxLength: SPEAKER_MAX,
      keyed: true,
      complete: completeSpeaker,
    }),
    article: option.article("Which article (default: this channel's)"),
    private: option.flag("Show the answer only to you"),
  },
  examples: ["/quote", "/quote grants", "/quote claw back private"],
  run({ article }, { topic, speaker: typed, private: isPrivate }) {
    const chosen = chooseSpeaker(article, typed);
    if (!chosen.ok) return errorReply(chosen.message);
    if (article.kind === "added") return addedQuote(article, { topic, speaker: chosen.speaker, isPrivate });
    // The shipped article quotes one speaker: naming him is the same as naming nobody.
    const { speaker, quotes, search } = article;
    const hits = topic === undefined ? [] : search.search(topic);
    if (topic === undefined || (hits.length === 0 && asksForAll(search, topic))) {
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
              speaker: speaker.name,
              passage: { start: q.start, end: q.end },
            })),
          },
        ],
        footer: `Type /quote with a topic for the whole passage, e.g. /quote ${search.topics[0]?.name ?? "grants"}`,
      };
    }

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
    return {
      kind: "message",
      visibility: visibility(isPrivate),
      title: `${speaker.name} on “${topic}”`,
      blocks: [
        ...relatedNote(hits[0]?.via ?? []),
        ...hits.map((h) => quoteBlock(article, h.quote, h.matched)),
      ],
      footer: `${hits.length} of his ${quotes.length} quoted passages ${hits.length === 1 ? "matches" : "match"}, best first; matching sentences are marked · ${sourceFooter(article)}`,
    };
  },
});
