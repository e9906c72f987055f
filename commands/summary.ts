/** /summary: the curated short or full summary, or an added article's extracted one, every sentence citing its paragraphs. */
import type { Cited } from "../src/article/load.js";
import { defineCommand, option } from "../src/core/command.js";
import { sourceFooter, tldr, visibility } from "../src/core/reply-parts.js";
import { addedSummary } from "./added/summary.js";

export default defineCommand({
  name: "summary",
  description: "A faithful summary of the article, citing its paragraphs",
  access: "everyone",
  options: {
    length: option.choice(
      "short: a tl;dr; full: the main points, each citing its paragraphs",
      ["short", "full"],
      "short",
    ),
    article: option.article("Which article (default: this channel's)"),
    private: option.flag("Show the answer only to you"),
  },
  examples: ["/summary", "/summary full", "/summary article:sessions", "/summary full private"],
  run({ article }, { length, private: isPrivate }) {
    if (article.kind === "added") return addedSummary(article, length, isPrivate);
    const { summary } = article;
    const items = (list: Cited[]) => list.map(({ text, cites }) => ({ text, cites }));
    const blocks =
      length === "short"
        ? [
            {
              type: "text" as const,
              text: tldr(article),
            },
          ]
        : [
            { type: "heading" as const, text: `What ${article.speaker.name} announced` },
            { type: "list" as const, ordered: false, items: items(summary.announced) },
            { type: "heading" as const, text: "What the article’s author argues" },
            { type: "list" as const, ordered: false, items: items(summary.argued) },
          ];
    const used = length === "short" ? summary.short : [...summary.announced, ...summary.argued];
    const words = used.reduce((n, c) => n + c.words, 0);
    const shorter = Math.round((1 - words / article.words) * 100);
    return {
      kind: "message",
      visibility: visibility(isPrivate),
      title: `Summary: ${article.title}`,
      blocks,
      footer: `${words} words, ${shorter}% shorter than the article’s ${article.words} · ${sourceFooter(article)}`,
    };
  },
});
