/** /article post: the plan for a discussion thread (header card, the whole article, a closing line); moderators only. */

import { slice } from "../src/article/span.js";
import { defineCommand, option } from "../src/core/command.js";
import { listWords, tldr } from "../src/core/reply-parts.js";

export default defineCommand({
  name: "article",
  subcommand: "post",
  description: "Post the whole article into a discussion thread (moderators)",
  access: "moderator",
  options: {
    channel: option.channel("Channel to start the thread in (default: here)"),
    title: option.text("Thread title (default: the article's title)", { maxLength: 100 }),
    confirm: option.flag(
      "Show a preview with Post and Cancel first (default true; false posts at once)",
      true,
    ),
  },
  examples: ["/article post", "/article post #news"],
  run({ article }, { channel, title, confirm }) {
    const { speaker, text } = article;
    const venue = slice(text, article.venue);
    return {
      kind: "thread",
      ...(channel ? { channel } : {}),
      confirm,
      threadTitle: title ?? article.title,
      header: {
        kind: "message",
        visibility: "public",
        title: article.title,
        blocks: [
          {
            type: "text",
            text: `${speaker.name}, ${speaker.role}, speaking ${venue}. As reported by ${listWords(article.outlets.map((o) => o.name))}.`,
          },
          {
            type: "text",
            text: `tl;dr: ${tldr(article)}`,
          },
        ],
      },
      body: article.paragraphs.map(({ start, end }) => ({ start, end })),
      // Each platform words how to ask (Slack runs no slash commands in threads: a mention there).
      closing: "That is the whole article. Discuss it here.",
      suggest: ["summary", "quote grants", "penalties"],
    };
  },
});
