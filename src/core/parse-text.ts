/**
 * Chat text to command options, for adapters whose platform passes free text (the console, Slack
 * slash commands and mentions). `/quote claw back private`, `/summary full`, `/summary
 * length:full`, `/article post #general`. Flags, choices, channels and keyed text options
 * (`speaker:obama`, `article:sessions`) are recognised at either end of the text; what is left in
 * the middle is the command's free-text option (the topic, the title), kept as typed. What would
 * silently do the wrong thing is refused with a short error instead: a mistyped command name (with
 * the name meant), two values for one option, a channel typed without its `#`.
 */
import { TypoIndex } from "../article/typos.js";
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
  const { name, text } = splitCommandLine(trimmed);
  return parseArguments(name, text, commands);
}

/**
 * `/quote claw back` (the slash optional) as its lower-cased name, "quote", and the rest as it
 * is, however long: only the first word is looked at.
 */
export function splitCommandLine(line: string): { name: string; text: string } {
  const trimmed = line.trimStart().replace(/^\//u, "");
  const space = trimmed.search(/\s/u);
  const head = space === -1 ? trimmed : trimmed.slice(0, space);
  return { name: head.toLowerCase(), text: space === -1 ? "" : trimmed.slice(space + 1) };
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
  const meant = command ? undefined : mistyped(name, commands);
  if (meant) return { ok: false, error: `Unknown command “${echo(name, 32)}”. Did you mean ${meant}?` };
  // Other unknown commands and subcommands are dispatch's to explain.
  if (!command)
    return {
      ok: true,
      command: name,
      ...(subcommand ? { subcommand } : {}),
      options: {},
    };

  const options: Record<string, unknown> = {};
  const free = Object.entries(command.options).find(([, o]) => o.kind === "text" && !o.keyed);
  const head: string[] = [];
  const tail: string[] = [];
  // The word that set each option, to name both when a second one disagrees.
  const setBy = new Map<string, string>();
  let conflict: string | undefined;
  let keyed = false;
  const apply = (found: Found, texts: string[]) => {
    if ("text" in found) {
      texts.push(found.text);
      keyed = true;
      return;
    }
    const earlier = setBy.get(found.key);
    if (earlier !== undefined && options[found.key] !== found.value)
      conflict ??= `/${commandPath(command)} got both “${echo(earlier, 32)}” and “${echo(found.word, 32)}” for ${found.key}; give one of them.`;
    setBy.set(found.key, found.word);
    options[found.key] = found.value;
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
  if (conflict) return { ok: false, error: conflict };
  const middle = [...head, ...words.slice(start, end), ...tail];
  const unmarked = channelWithoutHash(command, options, middle, keyed);
  if (unmarked) return { ok: false, error: unmarked };

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

type Found = { key: string; value: unknown; word: string } | { text: string };

/** What one word sets: an option by `key:value`, a flag by name, a choice by value, a channel. */
function classify(word: string | undefined, defs: Record<string, OptionDef>): Found | undefined {
  if (word === undefined) return undefined;
  const kv = KEY_VALUE.exec(word);
  const def = kv ? defs[(kv[1] ?? "").toLowerCase()] : undefined;
  if (kv && def) {
    const key = (kv[1] ?? "").toLowerCase();
    const value = kv[2] ?? "";
    // `title:news` is the free text, marked as such; `speaker:Obama` sets its own option.
    if (def.kind === "text" && !def.keyed) return { text: value };
    return { key, value: def.kind === "flag" ? flagValue(value) : value, word };
  }
  const lower = word.toLowerCase();
  for (const [key, d] of Object.entries(defs)) {
    if (d.kind === "flag" && lower === key) return { key, value: true, word };
    if (d.kind === "choice" && d.choices?.includes(lower)) return { key, value: lower, word };
    if (d.kind === "channel" && CHANNEL.test(word)) return { key, value: word, word };
  }
  return undefined;
}

/** `/sumary`: the one command name within a typo of `name`, as `/summary`; undefined if none or several. */
function mistyped(name: string, commands: readonly Command[]): string | undefined {
  if (name === "" || commands.some((c) => c.name === name)) return undefined;
  const index = new TypoIndex<string>();
  for (const c of commands) index.add(c.name, c.name);
  const found = index.find(name.slice(0, 40));
  return found.length === 1 ? `/${found[0]}` : undefined;
}

// Channel names on Slack and Discord are lower case, without spaces.
const CHANNEL_NAME = /^[\p{Ll}\p{N}_-]{1,80}$/u;

/**
 * `/article post news`: one bare lower-case word where a command takes a channel and a title
 * reads as a channel typed without its `#`, so the bot asks rather than start a thread titled
 * "news" here. A title of more words, a capitalised one, or `title:news` is taken as a title.
 */
function channelWithoutHash(
  command: Command,
  options: Record<string, unknown>,
  middle: readonly string[],
  keyed: boolean,
): string | undefined {
  const word = middle[0];
  const channel = Object.entries(command.options).find(([, o]) => o.kind === "channel")?.[0];
  if (channel === undefined || options[channel] !== undefined || keyed || middle.length !== 1)
    return undefined;
  if (!word || !CHANNEL_NAME.test(word)) return undefined;
  const shown = echo(word, 32);
  return `Did you mean the channel #${shown}? Write /${commandPath(command)} #${shown} to post there, or /${commandPath(command)} title:${shown} for a thread titled “${shown}” here.`;
}

// Unknown words stay strings so the schema can say what is allowed.
const flagValue = (value: string): unknown =>
  ({ true: true, yes: true, false: false, no: false })[value.toLowerCase()] ?? value;
