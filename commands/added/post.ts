/**
 * /article post for an added article. A third party's article is not ours to repost: by default
 * the thread carries its header (title, byline and site, date, link), the extracted summary and
 * up to three key quotes, all spans of the stored text, and a closing line with the link. The
 * whole text goes in only with `full`, and only through the preview, which says why it asks.
 */
import type { AddedArticle } from "../../src/article/kinds.js";
import { type Block, errorReply, type Outcome, type Reply } from "../../src/core/reply.js";
import { quoteBlock } from "../../src/core/reply-parts.js";
import { sentenceList } from "./summary.js";

const KEY_QUOTES = 3;
export const FULL_NOTICE = "Posts the whole article text: only if you may repost it.";
export const FULL_UNCONFIRMED =
  "full:true posts the whole article text, so it needs the preview: run /article post full:true without confirm:false, check it, then press Post.";

export interface PostAsk {
  channel: string | undefined;
  title: string | undefined;
  confirm: boolean;
  full: boolean;
}

export function addedPost(article: AddedArticle, ask: PostAsk): Outcome {
  if (ask.full && !ask.confirm) return errorReply(FULL_UNCONFIRMED);
  const { url } = article.source;
  const quotes = article.quotes.slice(0, KEY_QUOTES);
  const blocks: Block[] = [
    ...about(article),
    { type: "heading", text: "Summary, extracted automatically" },
    sentenceList(article.summary.short),
    ...(ask.full || quotes.length === 0
      ? []
      : [
          { type: "heading" as const, text: quotes.length === 1 ? "Key quote" : "Key quotes" },
          ...quotes.map((q) => quoteBlock(article, q)),
        ]),
  ];
  const header: Reply = { kind: "message", visibility: "public", title: article.title, blocks };
  const read = url ? `Read the whole article at ${url}. ` : "";
  return {
    kind: "thread",
    ...(ask.channel ? { channel: ask.channel } : {}),
    confirm: ask.confirm,
    threadTitle: ask.title ?? article.title,
    header,
    body: ask.full ? article.paragraphs.map(({ start, end }) => ({ start, end })) : [],
    closing: ask.full ? "That is the whole article. Discuss it here." : `${read}Discuss it here.`,
    // The thread's channel may be about another article: the suggestions name this one.
    suggest: [
      `summary article:${article.name}`,
      ...(article.quotes.length > 0 ? [`quote article:${article.name}`] : []),
    ],
    ...(ask.full ? { notice: FULL_NOTICE } : {}),
  };
}

/** "By Jane Doe · BuzzFeed · 24 July 2015", then the link, each only when the page says. */
function about(article: AddedArticle): Block[] {
  const { byline, site, published, url } = article.source;
  const date = published ? new Date(published) : undefined;
  const when =
    date && !Number.isNaN(date.getTime())
      ? date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      : undefined;
  const parts = [byline, site === byline ? null : site, when].filter((p): p is string => Boolean(p));
  return [
    ...(parts.length > 0 ? [{ type: "text" as const, text: parts.join(" · ") }] : []),
    ...(url ? [{ type: "text" as const, text: url }] : []),
  ];
}
