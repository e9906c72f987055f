/**
 * Chat text to command options, for adapters whose platform passes free text (the console, Slack).
 * `/quote claw back private`, `/summary full`, `/summary length:full`, `/article post #general`.
 * Flags, choices and channels are recognised at either end of the text; what is left in the middle
 * is the command's free-text option (the topic, the title), kept as typed.
 */
import { type Command, commandPath, type OptionDef, usage } from "./command.js";
import { findCommand } from "./dispatch.js";
import { echo } from "./echo.js";

export type ParsedText =
  | {
      ok: true;
      command: string;
      subcommand?: string;
      options: Record<string, unknown>;
    }
  | { ok: false; error: string };

const CHANNEL = /^(<#[A-Z0-9]+(\|[^>]*)?>|#[\p{L}\p{N}_-]+)$/u;
const KEY_VALUE = /^([a-z]+)[:=](.*)$/iu;

export function parseCommandLine(line: string, commands: readonly Command[]): ParsedText {
  const trimmed = line.trim();
  if (!trimmed.startsWith("/"))
    return {
      ok: false,
      error: "Commands start with a slash, like /summary. Type /help to see them all.",
    };
  // The name is the first word; the rest goes to parseArguments as it is, however long.
  const space = trimmed.search(/\s/u);
  const head = space === -1 ? trimmed.slice(1) : trimmed.slice(1, space);
  return parseArguments(head.toLowerCase(), space === -1 ? "" : trimmed.slice(space + 1), commands);
}

/** Longest command text parsed at all; every command's options fit in far less. */
export const MAX_TEXT = 2_000;

export function parseArguments(name: string, text: string, commands: readonly Command[]): ParsedText {
  if (text.length > MAX_TEXT)
    return {
      ok: false,
      error: `That is ${text.length.toLocaleString("en-US")} characters after /${echo(name, 32)}; commands take at most ${MAX_TEXT.toLocaleString("en-US")}. Type /help to see what each one takes.`,
    };
  let words = text.trim().split(/\s+/u).filter(Boolean);
  let subcommand: string | undefined;
  if (commands.some((c) => c.name === name && c.subcommand)) {
    subcommand = words[0]?.toLowerCase();
    words = words.slice(1);
  }
  const command = findCommand(commands, name, subcommand);
  // Unknown commands and subcommands are dispatch's to explain.
  if (!command)
    return {
      ok: true,
      command: name,
      ...(subcommand ? { subcommand } : {}),
      options: {},
    };

  const options: Record<string, unknown> = {};
  const free = Object.entries(command.options).find(([, o]) => o.kind === "text");
  const head: string[] = [];
  const tail: string[] = [];
  const apply = (found: Found, texts: string[]) => {
    if ("text" in found) texts.push(found.text);
    else options[found.key] = found.value;
  };

  let start = 0;
  let end = words.length;
  for (
    let found = classify(words[start], command.options);
    found && start < end;
    found = classify(words[start], command.options)
  ) {
    apply(found, head);
    start++;
  }
  const trailing: Found[] = [];
  for (
    let found = classify(words[end - 1], command.options);
    found && end > start;
    found = classify(words[end - 1], command.options)
  ) {
    trailing.unshift(found);
    end--;
  }
  for (const found of trailing) apply(found, tail);
  const middle = [...head, ...words.slice(start, end), ...tail];

  if (middle.length > 0) {
    if (!free) {
      return {
        ok: false,
        error: `/${commandPath(command)} does not take “${echo(middle.join(" "))}”.\nUsage: ${usage(command)}`,
      };
    }
    options[free[0]] = middle.join(" ");
  }
  return {
    ok: true,
    command: name,
    ...(subcommand ? { subcommand } : {}),
    options,
  };
}

type Found = { key: string; value: unknown } | { text: string };

/** What one word sets: an option by `key:value`, a flag by name, a choice by value, a channel. */
function classify(word: string | undefined, defs: Record<string, OptionDef>): Found | undefined {
  if (word === undefined) return undefined;
  const kv = KEY_VALUE.exec(word);
  const def = kv ? defs[(kv[1] ?? "").toLowerCase()] : undefined;
  if (kv && def) {
    const key = (kv[1] ?? "").toLowerCase();
    const value = kv[2] ?? "";
    if (def.kind === "text") return { text: value };
    return { key, value: def.kind === "flag" ? flagValue(value) : value };
  }
  const lower = word.toLowerCase();
  for (const [key, d] of Object.entries(defs)) {
    if (d.kind === "flag" && lower === key) return { key, value: true };
    if (d.kind === "choice" && d.choices?.includes(lower)) return { key, value: lower };
    if (d.kind === "channel" && CHANNEL.test(word)) return { key, value: word };
  }
  return undefined;
}

// Unknown words stay strings so the schema can say what is allowed.
const flagValue = (value: string): unknown =>
  ({ true: true, yes: true, false: false, no: false })[value.toLowerCase()] ?? value;
