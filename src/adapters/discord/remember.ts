import type { Command } from "../../command.js";
import type { Outcome } from "../../reply.js";
import type { EmbedMessage } from "./render-reply.js";

/** How many distinct answers (command and options) each command keeps. */
const KEEP = 256;

/**
 * A busy server asks the same few things over and over (/summary, /quote grants), and a command
 * anyone may run is a pure function of the article and its options. So each such command keeps its
 * latest answers by option values, and gives back the very same (frozen) outcome, which
 * `rememberRendering` then maps to the embeds it already rendered. Moderator commands are left
 * alone: their answer depends on who asks. The cooldown and option validation still run for
 * every interaction, in answer() and dispatch(), before a command is reached.
 */
export function rememberAnswers(commands: readonly Command[]): Command[] {
  return commands.map((command) => {
    if (command.access !== "everyone") return command;
    const kept = new Map<string, Outcome>();
    return {
      ...command,
      run(ctx, options) {
        const key = JSON.stringify(options);
        const known = kept.get(key);
        if (known) return known;
        const outcome = deepFreeze(command.run(ctx, options));
        if (kept.size >= KEEP) kept.delete(kept.keys().next().value as string);
        kept.set(key, outcome);
        return outcome;
      },
    };
  });
}

/** `render`, done once per outcome object: a remembered outcome gets its remembered embeds. */
export function rememberRendering<O extends object>(
  render: (outcome: O) => EmbedMessage[],
): (outcome: O) => EmbedMessage[] {
  const rendered = new WeakMap<O, EmbedMessage[]>();
  return (outcome) => {
    const known = rendered.get(outcome);
    if (known) return known;
    const messages = render(outcome);
    if (Object.isFrozen(outcome)) rendered.set(outcome, deepFreeze(messages));
    return messages;
  };
}

/** Shared answers must not change under anyone: frozen, a slip throws instead of leaking. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
