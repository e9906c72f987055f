/** /article use: make an article this channel's current one, for every command asked here; moderators only. */
import { defineCommand, option, required } from "../src/core/command.js";

export default defineCommand({
  name: "article",
  subcommand: "use",
  description: "Make an article this channel's current one (moderators); /article list shows them",
  access: "moderator",
  options: {
    name: required(
      option.text("The article's short name, from /article list", { maxLength: 40 }),
      "an article's short name from /article list, at most 40 characters",
    ),
  },
  // Dispatch checks the name and sets the channel's article first; the handler only says so.
  needs: "article-use",
  examples: ["/article use sessions"],
  run({ chosen }) {
    if (!chosen) throw new Error("/article use ran without the article it chose");
    return {
      kind: "message",
      visibility: "private",
      title: "This channel's article",
      blocks: [
        {
          type: "text",
          text: `Commands here now answer for “${chosen.title}” (${chosen.name}), unless they name another with article:.`,
        },
      ],
    };
  },
});
