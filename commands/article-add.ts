/** /article add: fetch a news page by URL and keep it as an article this server or workspace can use; moderators only. */
import { defineCommand, option, required } from "../src/core/command.js";

export default defineCommand({
  name: "article",
  subcommand: "add",
  description: "Add an article by its URL, for every command here to use (moderators)",
  access: "moderator",
  options: {
    url: required(
      option.text("The article's address, https://…", { maxLength: 2_000 }),
      "a web address starting with https:// or http://, at most 2,000 characters",
    ),
  },
  // Dispatch fetches, extracts and stores the page first; the handler only words the result.
  needs: "article-add",
  slow: true,
  examples: ["/article add https://example.com/news/story"],
  run({ added }) {
    if (!added) throw new Error("/article add ran without the article it added");
    const { article, created } = added;
    const { source } = article;
    const by = [source.byline, source.site].filter(Boolean).join(", ");
    const speakers = article.speakers.length;
    return {
      kind: "message",
      visibility: "private",
      title: created ? `Added: ${article.title}` : `Already added: ${article.title}`,
      blocks: [
        {
          type: "text",
          text: `Its short name is ${article.name}.${by ? ` By ${by}.` : ""}${source.published ? ` Published ${source.published.slice(0, 10)}.` : ""}`,
        },
        {
          type: "text",
          text: `${article.words.toLocaleString("en-US")} words, ${article.paragraphs.filter((p) => p.number !== null).length} paragraphs; ${article.quotes.length} attributed ${article.quotes.length === 1 ? "quote" : "quotes"}${speakers > 0 ? ` by ${speakers === 1 ? "one person" : `${speakers} people`}` : ""}.`,
        },
      ],
      footer: `/article use ${article.name} makes it this channel's article; or add article:${article.name} to any command.`,
    };
  },
});
