import pino from "pino";
import { commands as allCommands } from "../../commands/index.js";
import { loadArticle } from "../../src/article/load.js";
import type { Span } from "../../src/article/span.js";
import { createBot } from "../../src/core/answer.js";
import { forArticle } from "../../src/core/command.js";
import { dispatch, execute, type Invocation } from "../../src/core/dispatch.js";
import type { Outcome } from "../../src/core/reply.js";

export const article = loadArticle();
/** The commands as main.ts gives them to the bot: their descriptions name this article's speaker. */
export const commands = forArticle(allCommands, article);

/** A bot as main.ts makes one (answer cache and checks, no cooldown), with a silent log. */
export const bot = createBot({ article, commands, log: pino({ level: "silent" }) });

/** The command's own answer, past the checks: what a moderator on the console would get. */
export function run(
  command: string,
  options: Record<string, unknown> = {},
  extra: Partial<Invocation> = {},
): Outcome {
  return execute({ command, options, ...extra }, bot);
}

/** The whole pipeline, checks included: the answer a member with `extra` gets. */
export function ask(
  command: string,
  options: Record<string, unknown> = {},
  extra: Partial<Invocation> = {},
): Promise<Outcome> {
  return dispatch(
    { command, options, user: { id: "u1" }, isModerator: () => true, platform: "console", ...extra },
    bot,
  );
}

/** Every {start, end} object anywhere in a value: the article spans a reply carries. */
export function spansIn(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) for (const v of value) spansIn(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.start === "number" && typeof o.end === "number") out.push({ start: o.start, end: o.end });
    for (const v of Object.values(o)) spansIn(v, out);
  }
  return out;
}

/** All text a reply shows (titles, text, list items, footers), without article spans. */
export function ownText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(ownText).join("\n");
  if (value && typeof value === "object") return Object.values(value).map(ownText).join("\n");
  return "";
}

/** Every kind of answer a member can get, as [command, options], for renderer tests. */
export const EVERY_ANSWER: [string, Record<string, unknown>][] = [
  ["summary", {}],
  ["summary", { length: "full" }],
  ["quote", {}],
  ["quote", { topic: "grants" }],
  ["quote", { topic: "claw back" }],
  ["quote", { topic: "pizza" }],
  ["penalties", {}],
  ["help", {}],
];
