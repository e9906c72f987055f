/**
 * An invocation to an outcome: the checks (cooldown, access), then the command's own schema, then
 * the command, its outcome shared through the answer cache when the bot has one.
 */
import type { AnyArticle } from "../article/kinds.js";
import type { AnswerCache } from "./answer-cache.js";
import type { Check } from "./checks.js";
import { type Command, type CommandContext, commandPath, type Need, usage } from "./command.js";
import { echo } from "./echo.js";
import type { Invocation } from "./invocation.js";
import type { Resolved } from "./library.js";
import { RecordsUnavailable, unavailableNote } from "./records.js";
import { Refused } from "./refused.js";
import { errorReply, type Outcome } from "./reply.js";

export type { Invocation, Platform } from "./invocation.js";

export interface DispatchDeps {
  /** The article a command works on when nothing chooses another (see `resolveArticle`). */
  article: AnyArticle;
  commands: readonly Command[];
  /** Run in order before the command; the first to object answers instead. */
  checks?: readonly Check[];
  answers?: AnswerCache | undefined;
  /** Told about a handler that threw, so the adapter's log has it; the user gets a short apology. */
  onError?: (error: unknown, invocation: Partial<Invocation>) => void;
  /**
   * Loads what a command `needs` (the records for /article history); rejects with an error whose
   * message a moderator can read. Absent: such commands say the bot keeps no records.
   */
  load?: (
    need: Need,
    invocation: Invocation,
    /** The command's options, validated. */
    options: Record<string, unknown>,
  ) => Promise<Partial<CommandContext>>;
  /**
   * The article for a command with an `article` option: the one it names (undefined: none named),
   * else the channel's current one. Absent: always `article`.
   */
  resolveArticle?: (requested: string | undefined, invocation: Invocation) => Resolved | Promise<Resolved>;
  /** What `load` gave, for the command about to run. */
  loaded?: Partial<CommandContext>;
}

/** Each command list's commands by path, built on first use (the lists never change). */
const indexes = new WeakMap<readonly Command[], Map<string, Command>>();
const pathKey = (name: string, subcommand: string | undefined) => `${name}\u0000${subcommand ?? ""}`;

export function findCommand(
  commands: readonly Command[],
  name: string,
  subcommand?: string,
): Command | undefined {
  let index = indexes.get(commands);
  if (!index) {
    index = new Map();
    // The first of two commands with one path wins, as a search from the front would find it.
    for (const c of [...commands].reverse()) index.set(pathKey(c.name, c.subcommand), c);
    indexes.set(commands, index);
  }
  return index.get(pathKey(name, subcommand || undefined));
}

/** The checks (cooldown, access), then the command. */
export async function dispatch(
  invocation: Invocation,
  deps: DispatchDeps,
  // The command the caller found already (answer() tells the observer which one ran).
  command = findCommand(deps.commands, invocation.command, invocation.subcommand),
): Promise<Outcome> {
  for (const check of deps.checks ?? []) {
    const said = check(invocation, command);
    // Most checks answer at once; waiting on those would cost every command a turn of the loop.
    const objection = said instanceof Promise ? await said : said;
    if (objection) return objection;
  }
  if (!command) return execute(invocation, deps, command);
  // The options are checked once, here: a command that waits on an article or the database
  // answers a malformed option without waiting on either.
  const parsed = command.schema.safeParse(invocation.options);
  if (!parsed.success) return errorReply(describeInvalid(command, parsed.error.issues));
  const options = parsed.data as Record<string, unknown>;
  const { resolveArticle } = deps;
  if (command.options.article && resolveArticle)
    return withArticle(invocation, deps, command, options, resolveArticle);
  return run(invocation, deps, command, options);
}

/** The command with valid options: what it needs loaded first, if anything. */
const run = (
  invocation: Invocation,
  deps: DispatchDeps,
  command: Command,
  options: Record<string, unknown>,
) =>
  command.needs
    ? loadThenExecute(invocation, deps, command, options, command.needs)
    : execute(invocation, deps, command, options);

/** A command about an article: that article found first (by its option, or the channel's). */
async function withArticle(
  invocation: Invocation,
  deps: DispatchDeps,
  command: Command,
  options: Record<string, unknown>,
  resolveArticle: NonNullable<DispatchDeps["resolveArticle"]>,
): Promise<Outcome> {
  let found: Resolved;
  try {
    const resolved = resolveArticle(options.article as string | undefined, invocation);
    found = resolved instanceof Promise ? await resolved : resolved;
  } catch (error) {
    if (!(error instanceof RecordsUnavailable)) deps.onError?.(error, invocation);
    return errorReply(unavailableNote(error, "").trim());
  }
  if (found instanceof Refused) return errorReply(found.message);
  return run(invocation, { ...deps, article: found }, command, options);
}

/** A command that needs data (its options already valid): the data loaded, then the command run. */
async function loadThenExecute(
  invocation: Invocation,
  deps: DispatchDeps,
  command: Command,
  options: Record<string, unknown>,
  need: Need,
): Promise<Outcome> {
  if (!deps.load)
    return errorReply(`/${commandPath(command)} needs the moderator records, which this bot does not keep.`);
  try {
    const loaded = await deps.load(need, invocation, options);
    return execute(invocation, { ...deps, loaded, answers: undefined }, command, options);
  } catch (error) {
    if (error instanceof Refused) return errorReply(error.message);
    if (!(error instanceof RecordsUnavailable)) deps.onError?.(error, invocation);
    return errorReply(unavailableNote(error, "").trim());
  }
}

/**
 * The command itself, once the checks have passed: found by name, its options validated by its
 * own schema, run, and its outcome shared through the answer cache when there is one. Pure and
 * synchronous, like the handlers.
 */
export function execute(
  invocation: Pick<Invocation, "command" | "subcommand" | "options"> & Partial<Invocation>,
  deps: DispatchDeps,
  // The command dispatch already found for the checks; looked up here when called directly.
  command = findCommand(deps.commands, invocation.command, invocation.subcommand),
  // The options dispatch validated already; validated here when called directly.
  valid?: Record<string, unknown>,
): Outcome {
  const { commands } = deps;
  if (!command) return unknown(invocation, commands);

  let options = valid;
  if (!options) {
    const parsed = command.schema.safeParse(invocation.options);
    if (!parsed.success) return errorReply(describeInvalid(command, parsed.error.issues));
    options = parsed.data as Record<string, unknown>;
  }

  const { article } = deps;
  const key = `${article.name}\u0000${commandPath(command)}\u0000${JSON.stringify(options)}`;
  const cached = deps.answers?.get(key);
  if (cached) return cached;
  try {
    const ran = command.run({ article, commands, ...deps.loaded }, options);
    // An outcome about an added article names it, so that its spans are rendered from its text.
    const outcome = article.kind === "added" ? { ...ran, article: article.name } : ran;
    return deps.answers ? deps.answers.set(key, outcome) : outcome;
  } catch (error) {
    deps.onError?.(error, invocation);
    return errorReply(
      `Sorry, /${commandPath(command)} failed on our side. It has been logged; please try again.`,
    );
  }
}

function unknown(invocation: Pick<Invocation, "command">, commands: readonly Command[]): Outcome {
  const named = commands.filter((c) => c.name === invocation.command);
  if (named.length === 0)
    return errorReply(
      `There is no /${echo(invocation.command, 32)} command. Type /help to see what this bot can do.`,
    );
  const choices = named.map((c) => `/${commandPath(c)}`).join(", ");
  return errorReply(`/${invocation.command} needs one of: ${choices}.`);
}

interface Issue {
  code: string;
  path: PropertyKey[];
  keys?: string[];
}

function describeInvalid(command: Command, issues: readonly Issue[]): string {
  const known = Object.keys(command.options);
  const lines = issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const takes = known.length > 0 ? `It takes: ${known.join(", ")}.` : "It takes no options.";
      return `/${commandPath(command)} has no option ${(issue.keys ?? [])
        .slice(0, 5)
        .map((k) => `“${echo(k, 32)}”`)
        .join(", ")}. ${takes}`;
    }
    const name = String(issue.path[0] ?? "");
    const option = command.options[name];
    return option ? `“${name}” must be ${option.allowed}.` : `Invalid options for /${commandPath(command)}.`;
  });
  return [...new Set(lines), `Usage: ${usage(command)}`].join("\n");
}
