/** /help: every command with its options and an example, generated from the definitions. */
import { commandPath, defineCommand, usage } from "../src/core/command.js";

export default defineCommand({
  name: "help",
  description: "What this bot can do, with an example of each command",
  access: "everyone",
  options: {},
  examples: ["/help"],
  run({ commands }) {
    return {
      kind: "message",
      visibility: "private",
      title: "Commands",
      blocks: commands.flatMap((c) => [
        { type: "heading" as const, text: usage(c) },
        {
          type: "text" as const,
          text: `${c.description}.${c.access === "moderator" ? " Moderators only." : ""} Example: ${c.examples.at(-1) ?? `/${commandPath(c)}`}`,
        },
        {
          type: "list" as const,
          ordered: false,
          items: Object.entries(c.options).map(([name, o]) => ({
            text: `${name}: ${o.description} (${o.allowed})`,
          })),
        },
      ]),
      footer: "Add private to see an answer only yourself, e.g. /quote grants private.",
    };
  },
});
