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

export function findCommand(
  commands: readonly Command[],
  name: string,
  subcommand?: string,
): Command | undefined {
  return commands.find((c) => c.name === name && (c.subcommand ?? undefined) === (subcommand || undefined));
}

/** The checks (cooldown, access), then the command. */
export async function dispatch(invocation: Invocation, deps: DispatchDeps): Promise<Outcome> {
  const command = findCommand(deps.commands, invocation.command, invocation.subcommand);
  for (const check of deps.checks ?? []) {
    const said = check(invocation, command);
    // Most checks answer at once; waiting on those would cost every command a turn of the loop.
    const objection = said instanceof Promise ? await said : said;
    if (objection) return objection;
  }
  if (command?.options.article && deps.resolveArticle) return withArticle(invocation, deps, command);
  return command?.needs
    ? loadThenExecute(invocation, deps, command, command.needs)
    : execute(invocation, deps, command);
}

/** A command about an article: that article found first (by its option, or the channel's). */
async function withArticle(invocation: Invocation, deps: DispatchDeps, command: Command): Promise<Outcome> {
  const option = command.options.article?.schema.safeParse(invocation.options.article);
  // A malformed name gets the command's own answer about its options.
  if (!option?.success || !deps.resolveArticle) return execute(invocation, deps, command);
  let found: Resolved;
  try {
    const resolved = deps.resolveArticle(option.data as string | undefined, invocation);
    found = resolved instanceof Promise ? await resolved : resolved;
  } catch (error) {
    if (!(error instanceof RecordsUnavailable)) deps.onError?.(error, invocation);
    return errorReply(unavailableNote(error, "").trim());
  }
  if (found instanceof Refused) return errorReply(found.message);
  const chosen = { ...deps, article: found };
  return command.needs
    ? loadThenExecute(invocation, chosen, command, command.needs)
    : execute(invocation, chosen, command);
}

/** A command that needs data: its options checked first, then the data loaded, then the command run. */
async function loadThenExecute(
  invocation: Invocation,
  deps: DispatchDeps,
  command: Command,
  need: Need,
): Promise<Outcome> {
  const parsed = command.schema.safeParse(invocation.options);
  if (!parsed.success) return execute(invocation, deps, command);
  if (!deps.load)
    return errorReply(`/${commandPath(command)} needs the moderator records, which this bot does not keep.`);
  try {
    const loaded = await deps.load(need, invocation, parsed.data);
    return execute(invocation, { ...deps, loaded, answers: undefined }, command);
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
): Outcome {
  const { commands } = deps;
  if (!command) return unknown(invocation, commands);

  const parsed = command.schema.safeParse(invocation.options);
  if (!parsed.success) return errorReply(describeInvalid(command, parsed.error.issues));

  const { article } = deps;
  const key = `${article.name}\u0000${commandPath(command)}\u0000${JSON.stringify(parsed.data)}`;
  const cached = deps.answers?.get(key);
  if (cached) return cached;
  try {
    const ran = command.run({ article, commands, ...deps.loaded }, parsed.data);
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
