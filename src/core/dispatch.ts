import { LRUCache } from "lru-cache";
import type { Article } from "../article/load.js";
import { type Command, commandPath, usage } from "./command.js";
import { deepFreeze } from "./freeze.js";
import { errorReply, type Outcome } from "./reply.js";

export type Platform = "console" | "discord" | "slack";

/** A platform event, made neutral: the only thing commands ever learn about who asked. */
export interface Invocation {
  command: string;
  subcommand?: string | undefined;
  /** Raw option values as the platform gave them; the command's schema validates them. */
  options: Record<string, unknown>;
  user: { id: string; name?: string | undefined };
  isModerator: boolean;
  platform: Platform;
}

export interface DispatchDeps {
  article: Article;
  commands: readonly Command[];
  /** Told about a handler that threw, so the adapter's log has it; the user gets a short apology. */
  onError?: (error: unknown, invocation: Invocation) => void;
}

export function findCommand(
  commands: readonly Command[],
  name: string,
  subcommand?: string,
): Command | undefined {
  return commands.find((c) => c.name === name && (c.subcommand ?? undefined) === (subcommand || undefined));
}

export function dispatch(invocation: Invocation, deps: DispatchDeps): Outcome {
  const { commands } = deps;
  const named = commands.filter((c) => c.name === invocation.command);
  if (named.length === 0)
    return errorReply(`There is no /${invocation.command} command. Type /help to see what this bot can do.`);
  const command = findCommand(commands, invocation.command, invocation.subcommand);
  if (!command) {
    const choices = named.map((c) => `/${commandPath(c)}`).join(", ");
    return errorReply(`/${invocation.command} needs one of: ${choices}.`);
  }
  if (command.access === "moderator" && !invocation.isModerator)
    return errorReply(`Only moderators can run /${commandPath(command)}. Nothing was posted.`);

  const parsed = command.schema.safeParse(invocation.options);
  if (!parsed.success) return errorReply(describeInvalid(command, parsed.error.issues));

  // Handlers are pure, so the same command with the same options gets the same outcome: members
  // ask the same questions (/quote grants) over and over, and a cached outcome costs nothing.
  const cache = cacheFor(deps.article);
  const key = `${commandPath(command)}\u0000${JSON.stringify(parsed.data)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  try {
    const outcome = command.run({ article: deps.article, commands }, parsed.data);
    // Frozen, so no caller can change the answer another member will be given.
    cache.set(key, deepFreeze(outcome));
    return outcome;
  } catch (error) {
    deps.onError?.(error, invocation);
    return errorReply(
      `Sorry, /${commandPath(command)} failed on our side. It has been logged; please try again.`,
    );
  }
}

const CACHE_ENTRIES = 500;
const caches = new WeakMap<Article, LRUCache<string, Outcome>>();

function cacheFor(article: Article): LRUCache<string, Outcome> {
  let cache = caches.get(article);
  if (!cache) {
    cache = new LRUCache<string, Outcome>({ max: CACHE_ENTRIES });
    caches.set(article, cache);
  }
  return cache;
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
      return `/${commandPath(command)} has no option ${(issue.keys ?? []).map((k) => `“${k}”`).join(", ")}. ${takes}`;
    }
    const name = String(issue.path[0] ?? "");
    const option = command.options[name];
    return option ? `“${name}” must be ${option.allowed}.` : `Invalid options for /${commandPath(command)}.`;
  });
  return [...new Set(lines), `Usage: ${usage(command)}`].join("\n");
}
