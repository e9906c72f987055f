/** /penalties: the penalties the speaker announced and the condition they attach to, each in his exact words. */

import { slice } from "../src/article/span.js";
import { defineCommand, option } from "../src/core/command.js";
import { paragraphOf, possessive, sourceFooter, visibility } from "../src/core/reply-parts.js";

export default defineCommand({
  name: "penalties",
  description: "The penalties {speaker} announced for jurisdictions that do not comply, in his words",
  access: "everyone",
  options: { private: option.flag("Show the answer only to you") },
  examples: ["/penalties", "/penalties private"],
  run({ article }, { private: isPrivate }) {
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
