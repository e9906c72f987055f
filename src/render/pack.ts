/** Helpers every renderer shares; none of them changes a character of the article. */
import type { AnyArticle, ArticleText } from "../article/kinds.js";
import { type Span, slice } from "../article/span.js";
import type { ListItem } from "../core/reply.js";
import { citeText } from "../core/reply-parts.js";

/** What a renderer needs of an article, curated or added: its text, paragraphs and quotes. */
export type ShownArticle = ArticleText & Pick<AnyArticle, "quotes">;

/** Wraps article words in quotation marks unless they already open with one. */
export const quoted = (words: string): string => (words.startsWith("“") ? words : `“${words}”`);

/**
 * "Label: “verbatim words” (¶8)", with `esc` applied to the words and the label for the platform;
 * an item with no label of ours is the article's words alone: "“verbatim words” (¶8)".
 */
export function listItemText(
  item: ListItem,
  article: Pick<ArticleText, "text">,
  esc: (s: string) => string = (s) => s,
  refs: References = PLAIN_REFERENCES,
): string {
  const label = item.text === "" ? "" : ": ";
  const words = item.quote ? `${label}${esc(quoted(slice(article.text, item.quote)))}` : "";
  const cites = item.cites?.length ? ` ${citeText(item.cites)}` : "";
  const ref = (id: string | undefined, as: (id: string) => string) =>
    id === undefined ? undefined : PLATFORM_ID.test(id) ? as(id) : esc(id);
  const before = [
    item.lead === undefined ? undefined : esc(item.lead),
    ref(item.user, refs.user),
    ref(item.channel, refs.channel),
  ].filter((part) => part !== undefined);
  return [...before, `${esc(item.text)}${words}${cites}`].join(" · ");
}

/** How a platform shows a member and a channel by id (Discord and Slack: `<@U1>`, `<#C1>`). */
export interface References {
  user(id: string): string;
  channel(id: string): string;
}

const PLAIN_REFERENCES: References = { user: (id) => `@${id}`, channel: (id) => `#${id}` };
export const MENTION_REFERENCES: References = { user: (id) => `<@${id}>`, channel: (id) => `<#${id}>` };

// Only an id made of these goes into markup unescaped: a stored value can never inject any.
const PLATFORM_ID = /^[A-Za-z0-9]{1,40}$/u;

/**
 * The quote's text cut into runs, each flagged when it lies in an emphasised range, so a renderer
 * can mark matches its own way (bold, ANSI, rich-text style) while the characters stay as sliced.
 */
export function runs(
  text: string,
  quote: Span,
  emphasis: readonly Span[] = [],
): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let at = quote.start;
  for (const e of [...emphasis].sort((a, b) => a.start - b.start)) {
    const start = Math.max(e.start, at);
    const end = Math.min(e.end, quote.end);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < quote.end) out.push({ text: text.slice(at, quote.end), marked: false });
  return out;
}

/**
 * Packs pieces (paragraphs) into as few chunks as fit `limit`, joined by `separator`. A piece too
 * long for one chunk is split at a sentence end, else at a space (the space is dropped at the cut):
 * never inside a word, unless a single word is longer than the limit.
 */
export function pack(pieces: readonly string[], limit: number, separator = "\n\n"): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const piece of pieces) {
    splitLong(piece, limit).forEach((part, i) => {
      const joined = current === "" ? part : `${current}${i === 0 ? separator : " "}${part}`;
      if (joined.length <= limit) current = joined;
      else {
        if (current !== "") chunks.push(current);
        current = part;
      }
    });
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

const SENTENCE_ENDS = [". ", "! ", "? ", "… ", ".” "];

/**
 * Where to cut `text` so the first part has at most `limit` characters: at the space after the
 * last sentence end at or after `from`, else at the last space at or after `from`, else at
 * `limit` itself, moved back so it never falls inside a surrogate pair (an emoji) or an `&…;`
 * entity (escaped Slack text).
 */
function cutPoint(text: string, limit: number, from: number): number {
  const window = text.slice(0, limit + 1);
  const ends = SENTENCE_ENDS.map((m) => {
    const i = window.lastIndexOf(m);
    return i < 0 ? -1 : i + m.length - 1;
  });
  const sentenceSpace = Math.max(...ends);
  if (sentenceSpace >= from) return sentenceSpace;
  const space = window.lastIndexOf(" ");
  if (space >= from) return space;
  let cut = limit;
  const entity = text.lastIndexOf("&", cut - 1);
  if (entity > 0 && entity > cut - 8 && !text.slice(entity, cut).includes(";")) cut = entity;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return cut;
}

function splitLong(piece: string, limit: number): string[] {
  // A limit under one character could never make progress.
  if (limit < 1) throw new RangeError(`pack: the limit must be at least 1, not ${limit}`);
  const parts: string[] = [];
  let rest = piece;
  while (rest.length > limit) {
    // A limit of one character cannot hold an emoji: then it is split rather than never cut.
    const cut = cutPoint(rest, limit, 1) || limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(rest[cut] === " " ? cut + 1 : cut);
  }
  parts.push(rest);
  return parts;
}

/**
 * `text` shortened to at most `max` characters, `mark` showing the cut: at a sentence end or a
 * space in the second half when there is one, never inside a word's escape, an emoji or an entity.
 */
export function clip(text: string, max: number, mark = "…"): string {
  if (text.length <= max) return text;
  const room = max - mark.length;
  return `${text.slice(0, cutPoint(text, room, Math.floor(room / 2))).trimEnd()}${mark}`;
}
