/** /article list: the articles this server or workspace can use, by short name; moderators only. */
import { defineCommand } from "../src/core/command.js";

export default defineCommand({
  name: "article",
  subcommand: "list",
  description: "The articles this server or workspace can discuss, by short name (moderators)",
  // Moderators choose the channel's article; members find names through autocomplete on Discord.
  // On Discord this keeps /article, whose other subcommands are for moderators, hidden from members.
  access: "moderator",
  options: {},
  // Dispatch reads the list first; the handler only words it.
  needs: "article-list",
  examples: ["/article list"],
  run({ listing = [] }) {
    return {
      kind: "message",
      visibility: "private",
      title: listing.length === 1 ? "One article" : `${listing.length} articles`,
      blocks: [
        {
          type: "list",
          ordered: false,
          items: listing.map((a) => ({
            text: `${a.name}: ${a.title}${a.site ? ` (${a.site})` : ""}${a.fetchedAt ? `, added ${a.fetchedAt.slice(0, 10)}` : ""}`,
          })),
        },
      ],
      footer:
        "Moderators: /article use <name> makes one this channel's article; /article add <url> adds one.",
    };
  },
});
