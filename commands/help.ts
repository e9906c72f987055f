/** /help: every command with its options and an example, generated from the definitions. */
import { type Command, commandPath, defineCommand, forArticle, usage } from "../src/core/command.js";

export default defineCommand({
  name: "help",
  description: "What this bot can do, with an example of each command",
  access: "everyone",
  options: {},
  examples: ["/help"],
  run({ article, commands }) {
    // The descriptions name the shipped article's speaker; a channel reading an added one hears of its own.
    const shown = article.kind === "added" ? forArticle(commands, article) : commands;
    return {
      kind: "message",
      visibility: "private",
      title: "Commands",
      blocks: shown.flatMap((c) => [
        { type: "heading" as const, text: usage(c) },
        {
          type: "text" as const,
          text: `${c.description}.${c.access === "moderator" ? " Moderators only." : ""} Example: ${c.examples.at(-1) ?? `/${commandPath(c)}`}`,
        },
        { type: "list" as const, ordered: false, items: optionLines(c) },
      ]),
      footer: "Add private to see an answer only yourself, e.g. /quote grants private.",
    };
  },
});

/** Each option as "name: what it is (what it accepts)"; a loop, as /help runs it per command. */
function optionLines(c: Command): { text: string }[] {
  const lines: { text: string }[] = [];
  for (const name in c.options) {
    const o = c.options[name];
    if (o) lines.push({ text: `${name}: ${o.description} (${o.allowed})` });
  }
  return lines;
}
