/**
 * /quote for an added article: every attributed quote carries its own speaker, found by rule, so
 * a topic's hits may come from several people and the index names who said each one.
 */
import type { AddedArticle } from "../../src/article/kinds.js";
import type { Quote } from "../../src/article/quotes.js";
import type { Span } from "../../src/article/span.js";
import type { Reply } from "../../src/core/reply.js";
import { possessive, quoteBlock, sourceFooter, visibility } from "../../src/core/reply-parts.js";
import { asksForAll, opening, relatedNote } from "../quote-parts.js";

export interface QuoteAsk {
  topic: string | undefined;
  /** One of the article's speakers, or undefined for all of them. */
  speaker: string | undefined;
  isPrivate: boolean;
}

export function addedQuote(article: AddedArticle, ask: QuoteAsk): Reply {
  if (article.quotes.length === 0) return nobodyQuoted(article);
  const { speaker } = ask;
  const theirs = speaker === undefined ? article.quotes : article.quotes.filter((q) => q.speaker === speaker);
  return ask.topic === undefined ? index(article, theirs, ask) : onTopic(article, ask.topic, theirs, ask);
}

function nobodyQuoted(article: AddedArticle): Reply {
  return {
    kind: "message",
    visibility: "private",
    title: "No attributed quotes",
    blocks: [
      {
        type: "text",
        text: "This article has no quotation of six words or more that it attributes to a named person, so /quote has nothing to show. /summary works on it.",
      },
    ],
    footer: sourceFooter(article),
  };
}

/** Every attributed quote (of one speaker, when asked), in article order, with how it begins. */
function index(article: AddedArticle, quotes: readonly Quote[], ask: QuoteAsk): Reply {
  const people = new Set(quotes.map((q) => q.speaker));
  const [only] = people;
  const count = `${quotes.length} quoted passage${quotes.length === 1 ? "" : "s"}`;
  const example = article.search.suggest("", 1)[0];
  const surname = (article.speakers[0] ?? "").split(" ").at(-1);
  const how = [
    example ? `Type /quote with a topic for the whole passage, e.g. /quote ${example}` : "",
    ask.speaker === undefined && people.size > 1 && surname ? `add speaker:${surname} for one person's` : "",
  ].filter((s) => s !== "");
  return {
    kind: "message",
    visibility: visibility(ask.isPrivate),
    title: people.size === 1 && only ? `${possessive(only)} ${count}` : `${count} by ${people.size} people`,
    blocks: [
      {
        type: "list",
        ordered: true,
        items: quotes.map((q) => ({
          lead: q.speaker,
          text: "It begins",
          cites: [q.paragraph],
          quote: begins(article.text, q),
          speaker: q.speaker,
          passage: { start: q.start, end: q.end },
        })),
      },
    ],
    footer: [how.join(", or "), sourceFooter(article)].filter((s) => s !== "").join(" · "),
  };
}

/**
 * How a quote begins: its first whole sentence without the opening mark, or the quote itself
 * (marks and all) when it sits inside the reporter's sentence and holds no sentence of its own.
 */
function begins(text: string, quote: Quote): Span {
  const [first] = quote.sentences;
  return first ? opening(text, first) : { start: quote.start, end: quote.end };
}

function onTopic(article: AddedArticle, topic: string, quotes: readonly Quote[], ask: QuoteAsk): Reply {
  const allowed = new Set(quotes);
  const hits = article.search.search(topic).filter((h) => allowed.has(h.quote));
  const pool =
    ask.speaker === undefined
      ? `the article’s ${quotes.length} attributed quotes`
      : `${possessive(ask.speaker)} ${quotes.length} quoted passage${quotes.length === 1 ? "" : "s"}`;
  if (hits.length === 0) {
    if (asksForAll(article.search, topic)) return index(article, quotes, ask);
    const closest = article.search.closest(topic);
    return {
      kind: "message",
      visibility: "private",
      title: "No matching quote",
      blocks: [
        {
          type: "text",
          text:
            ask.speaker === undefined
              ? `No attributed quote in this article matches “${topic}”.`
              : `${ask.speaker} says nothing in this article that matches “${topic}”.`,
        },
        ...(closest.length > 0
          ? [{ type: "text" as const, text: `Topics that do match: ${closest.join(", ")}.` }]
          : []),
      ],
      footer: `Type /quote with no topic to list ${pool}.`,
    };
  }
  const people = new Set(hits.map((h) => h.quote.speaker));
  const [only] = people;
  // A quote inside the reporter's sentence has no sentence of its own to mark.
  const marked = hits.some((h) => h.matched.length > 0) ? "; matching sentences are marked" : "";
  return {
    kind: "message",
    visibility: visibility(ask.isPrivate),
    title: people.size === 1 && only ? `${only} on “${topic}”` : `Quotes on “${topic}”`,
    blocks: [...relatedNote(hits[0]?.via ?? []), ...hits.map((h) => quoteBlock(article, h.quote, h.matched))],
    footer: `${hits.length} of ${pool} ${hits.length === 1 ? "matches" : "match"}, best first${marked} · ${sourceFooter(article)}`,
  };
}
