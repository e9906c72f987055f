/**
 * /penalties: the penalties the speaker announced and the condition they attach to, each in his
 * exact words. Only the shipped article has them (curated); an added one says so.
 */
import { SHIPPED_NAME } from "../src/article/kinds.js";
import { slice } from "../src/article/span.js";
import { defineCommand, option } from "../src/core/command.js";
import { paragraphOf, possessive, sourceFooter, visibility } from "../src/core/reply-parts.js";

export default defineCommand({
  name: "penalties",
  description: "The shipped article’s penalties for jurisdictions that do not comply, in its speaker’s words",
  access: "everyone",
  options: {
    article: option.article("Which article (default: this channel's); only sessions has a penalty list"),
    private: option.flag("Show the answer only to you"),
  },
  examples: ["/penalties", "/penalties private"],
  run({ article }, { private: isPrivate }) {
    if (article.kind === "added")
      return {
        kind: "message",
        visibility: "private",
        title: "No curated penalty list",
        blocks: [
          {
            type: "text",
            text: `Only the shipped Sessions article has a curated penalty list; this article has none. For it, type /penalties article:${SHIPPED_NAME}. /summary and /quote work on this article.`,
          },
        ],
      };
    const { penalties, speaker } = article;
    const law = slice(article.text, penalties.law);
    return {
      kind: "message",
      visibility: visibility(isPrivate),
      title: `Penalties ${speaker.name} announced`,
      blocks: [
        {
          type: "text",
          text: `For jurisdictions that do not comply with ${law}. The condition, in his words:`,
        },
        {
          type: "list",
          ordered: false,
          items: [
            {
              text: "Condition",
              quote: penalties.condition,
              cites: paragraphOf(article, penalties.condition),
            },
          ],
        },
        { type: "heading", text: "If violations are not remedied" },
        {
          type: "list",
          ordered: true,
          items: penalties.items.map((p) => ({
            text: p.label,
            quote: p.span,
            cites: paragraphOf(article, p.span),
          })),
        },
      ],
      footer: `Quoted verbatim from ${possessive(speaker.name)} statement · /quote penalties shows the whole passage · ${sourceFooter(article)}`,
    };
  },
});
