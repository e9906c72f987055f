/**
 * Pieces of /quote for every kind of article: the `speaker` option (who is quoted, matched as
 * members type names), the opening of a passage for the index, and the note that a topic matched
 * only through a related word.
 */
import type { AnyArticle } from "../src/article/kinds.js";
import type { QuoteSearch, Via } from "../src/article/search.js";
import type { Span } from "../src/article/span.js";
import { echo } from "../src/core/echo.js";
import type { Block } from "../src/core/reply.js";

/** Longest name the speaker option takes. */
export const SPEAKER_MAX = 60;
/** Names a "who is quoted" line lists before it says how many more there are. */
const LISTED = 10;

export const speakersOf = (article: AnyArticle): readonly string[] =>
  article.kind === "curated" ? [article.speaker.name] : article.speakers;

const fold = (s: string): string => s.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/gu, " ").trim();
const nameWords = (name: string): string[] => fold(name).split(" ");
const begins = (name: string, typed: string) =>
  fold(name).startsWith(typed) || nameWords(name).some((w) => w.startsWith(typed));

/** Autocomplete: the speakers whose name, or a word of it (the surname), starts with what is typed. */
export function completeSpeaker(article: AnyArticle, typed: string): string[] {
  const t = fold(typed);
  return speakersOf(article)
    .filter((name) => t === "" || begins(name, t))
    .slice(0, 25);
}

export type SpeakerChoice = { ok: true; speaker: string | undefined } | { ok: false; message: string };

/**
 * The one speaker `typed` names: the whole name, else one word of it ("sessions", "Parry"), else
 * the start of one; case does not matter. Nobody, or more than one person, is a short error that
 * says who is quoted. Undefined `typed`: everyone.
 */
export function chooseSpeaker(article: AnyArticle, typed: string | undefined): SpeakerChoice {
  if (typed === undefined) return { ok: true, speaker: undefined };
  const t = fold(typed);
  const speakers = speakersOf(article);
  const rules = [
    (name: string) => fold(name) === t,
    (name: string) => nameWords(name).includes(t),
    (name: string) => begins(name, t),
  ];
  for (const rule of rules) {
    const found = speakers.filter(rule);
    if (found.length === 1) return { ok: true, speaker: found[0] };
    if (found.length > 1)
      return {
        ok: false,
        message: `“${echo(typed)}” could be ${orList(found)}: type more of the name.`,
      };
  }
  return {
    ok: false,
    message:
      speakers.length === 0
        ? "Nobody is quoted by name in this article."
        : `Nobody called “${echo(typed)}” is quoted in this article. Quoted: ${orList(speakers, "and")}.`,
  };
}

function orList(names: readonly string[], word = "or"): string {
  const shown = names.slice(0, LISTED);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(", ")} ${word} ${more} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} ${word} ${shown.at(-1)}`;
}

/** The first sentence without the passage's opening mark, so a renderer can quote it whole. */
export function opening(text: string, first: Span): Span {
  return { start: first.start + (text[first.start] === "“" ? 1 : 0), end: first.end };
}

/**
 * A topic of question words and the speaker's name only ("what did he say", "Sessions") asks for
 * all he said: the index. Asked only once the search found nothing, so a hit tokenizes once.
 */
export const asksForAll = (search: Pick<QuoteSearch, "content">, topic: string): boolean =>
  search.content(topic).length === 0;

/** Honest about a match through a related word: nobody said what the member typed. */
export function relatedNote(via: readonly Via[]): Block[] {
  const related = via.flatMap((v) =>
    v.found === undefined ? [] : [`no passage says “${v.typed}”; this one mentions ${v.found}`],
  );
  // Words found only in the author's words around the passage, said once for all of them.
  const framed = via.filter((v) => v.found === undefined).map((v) => `“${v.typed}”`);
  if (framed.length > 0)
    related.push(
      `no passage says ${framed.join(" or ")}; the article says ${framed.length === 1 ? "it" : "them"} around this one`,
    );
  return related.length > 0 ? [{ type: "text", text: `${capitalise(related.join("; "))}.` }] : [];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
