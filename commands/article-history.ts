/** /article history: the last ten moderator actions (each /article post step, each add and use) in this workspace or server; moderators only. */
import { defineCommand } from "../src/core/command.js";
import type { RecordedEvent } from "../src/core/records.js";

export default defineCommand({
  name: "article",
  subcommand: "history",
  description: "The last ten moderator actions here (/article post, add, use), newest first (moderators)",
  access: "moderator",
  options: {},
  // Dispatch reads the records of this workspace or server first; the handler only words them.
  needs: "history",
  examples: ["/article history"],
  run({ history = [] }) {
    if (history.length === 0)
      return {
        kind: "message",
        visibility: "private",
        title: "Moderator history",
        blocks: [
          { type: "text", text: "No /article post has been recorded in this workspace or server yet." },
        ],
      };
    return {
      kind: "message",
      visibility: "private",
      title: `The last ${history.length === 1 ? "moderator action" : `${history.length} moderator actions`} here`,
      blocks: [{ type: "list", ordered: false, items: history.map(line) }],
      footer:
        "Newest first · times in UTC · /article post steps: asked, confirmed, cancelled, finished, partial, failed",
    };
  },
});

/** "2026-12-02 00:41 UTC · @mod · #news · finished: 6 of 6 parts posted". */
function line(e: RecordedEvent) {
  return {
    lead: `${e.at.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    user: e.actor,
    channel: e.channel,
    text: `${e.action === "article post" ? "" : `${e.action} `}${e.outcome}${e.detail ? `: ${e.detail}` : ""}`,
  };
}
