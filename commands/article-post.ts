/**
 * /article post: the plan for a discussion thread; moderators only. The shipped article goes in
 * whole (header card, every paragraph, a closing line); an added one as its header, summary and
 * key quotes unless `full` (commands/added/post.ts).
 */

import { slice } from "../src/article/span.js";
import { defineCommand, option } from "../src/core/command.js";
import { listWords, tldr } from "../src/core/reply-parts.js";
import { addedPost } from "./added/post.js";

export default defineCommand({
  name: "article",
  subcommand: "post",
  description: "Post the article into a discussion thread (moderators)",
  access: "moderator",
  options: {
    channel: option.channel("Channel to start the thread in (default: here)"),
    title: option.text("Thread title (default: the article's title)", { maxLength: 100 }),
    article: option.article("Which article (default: this channel's)"),
    full: option.flag(
      "An added article's whole text, not just its summary and key quotes (only if you may repost it)",
    ),
    confirm: option.flag(
      "Show a preview with Post and Cancel first (default true; false posts at once)",
      true,
    ),
  },
  examples: ["/article post", "/article post #news"],
  run({ article }, { channel, title, confirm, full }) {
    if (article.kind === "added") return addedPost(article, { channel, title, confirm, full });
    // The shipped article is ours to post in full, whatever `full` says.
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
