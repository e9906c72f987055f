/**
 * The bot every adapter is given (the article, the commands, the log, the checks and the answer
 * cache), and the two questions an adapter asks of it: answer this invocation, and complete this
 * option as the member types it.
 */
import type { Article } from "../article/load.js";
import { Cooldown, type RateLimit } from "../runtime/cooldown.js";
import type { Logger } from "../runtime/log.js";
import { AnswerCache } from "./answer-cache.js";
import { articleLoaders, channelOf, type Loader, type Loaders } from "./article-actions.js";
import type { ArticleShelf } from "./article-shelf.js";
import { accessCheck, type Check, cooldownCheck } from "./checks.js";
import type { Command } from "./command.js";
import { dispatch, findCommand } from "./dispatch.js";
import type { Invocation } from "./invocation.js";
import { ArticleLibrary, type LibraryOptions } from "./library.js";
import { type BotObserver, Verdicts } from "./observe.js";
import { type ModeratorRecords, RecordsUnavailable, unavailableNote } from "./records.js";
import { Refused } from "./refused.js";
import { errorReply, type Outcome, type ThreadPlan } from "./reply.js";
import { type ConfirmSettings, confirmSettings, type PendingPosts } from "./thread/confirm.js";
import { postStep, recordDecisions } from "./thread/decisions.js";
import { LocalPostLocks, type PostLocks } from "./thread/locks.js";
import type { ThreadIndex } from "./thread/remembered.js";

export interface Bot {
  /** The shipped article: the default, and what /help speaks of. */
  article: Article;
  /** Every article the bot can answer for, and which one an invocation is about. */
  library: ArticleLibrary;
  /** What the commands that need data wait on before they answer: /article history, add, use, list. */
  loaders: Loaders;
  commands: readonly Command[];
  log: Logger;
  /** Run before every command, in order (see checks.ts). */
  checks: readonly Check[];
  /** Shared outcomes of pure handlers; absent, every command runs afresh. */
  answers?: AnswerCache | undefined;
  /** One thread post per target at a time. */
  posts: PostLocks;
  /** Where /article post previews wait for Post or Cancel, and for how long. */
  confirm: ConfirmSettings;
  /** The audit log of moderator actions (and /article history); absent, nothing is recorded. */
  records?: ModeratorRecords | undefined;
  /** Which thread holds which post; absent, the sinks look on the platform alone. */
  threads?: ThreadIndex | undefined;
  /** Requests already run, shared by replicas (REDIS_URL); absent, each adapter keeps its own. */
  seen?: SeenKeys | undefined;
  /**
   * Previews shared by replicas, for adapters whose pending target is plain data (Slack); absent,
   * or for targets holding live objects (Discord's interaction), `confirm.pending`.
   */
  sharedPending?: PendingPosts | undefined;
  /** Told of every command answered and every platform API refusal (GET /metrics); absent, nobody is. */
  observer?: BotObserver | undefined;
  /** Which check refused which reply, for the observer (present with it). */
  verdicts?: Verdicts | undefined;
}

/** "Was this request key already run within `ttlMs`?", recording it when not (see slack/replay.ts). */
export interface SeenKeys {
  seen(key: string, ttlMs: number): boolean | Promise<boolean>;
}

/** The state several replicas share (src/state/redis, when REDIS_URL is set). */
export interface SharedSeams {
  /** The per-user cooldown for this many commands per window. */
  cooldown(limit: number, windowMs: number): RateLimit;
  posts: PostLocks;
  pending: PendingPosts;
  seen: SeenKeys;
}

export interface BotOptions {
  article: Article;
  /** Added articles and each channel's choice (the database); absent: only the shipped article. */
  shelf?: ArticleShelf | undefined;
  /** Whether the shelf may be asked for a channel's article yet (the console: once it is open). */
  consultShelf?: () => boolean;
  /** Fetches and extracts a page for /article add; rejects with Refused for a moderator's reason. */
  ingest?: LibraryOptions["ingest"];
  /** How long a channel's article is trusted, and the clock that says so (tests). */
  channelArticles?: Pick<LibraryOptions, "currentTtlMs" | "now">;
  commands: readonly Command[];
  log: Logger;
  /** Per-user rate limit: this many commands per window (absent or 0: none, as in the console). */
  cooldown?: { commands: number; seconds: number } | undefined;
  /** Entries in the answer cache (default 500; 0: no cache). */
  cacheEntries?: number;
  /** Previews: their store, clock and lifetime (tests), and `onDecision` for an audit log. */
  confirm?: Partial<ConfirmSettings>;
  records?: ModeratorRecords | undefined;
  threads?: ThreadIndex | undefined;
  /** REDIS_URL set: cooldown, locks, previews and seen requests shared by replicas. */
  shared?: SharedSeams | undefined;
  /** Counts commands and platform refusals (src/runtime/metrics.ts). */
  observer?: BotObserver | undefined;
}

export function createBot(options: BotOptions): Bot {
  const { cooldown, cacheEntries = 500, shared, observer } = options;
  const verdicts = observer ? new Verdicts() : undefined;
  const checks: Check[] = [];
  if (cooldown && cooldown.commands > 0) {
    const windowMs = cooldown.seconds * 1000;
    const check = cooldownCheck(
      shared ? shared.cooldown(cooldown.commands, windowMs) : new Cooldown(cooldown.commands, windowMs),
    );
    checks.push(verdicts ? verdicts.tag(check, "cooldown") : check);
  }
  const access = accessCheck(options.log);
  checks.push(verdicts ? verdicts.tag(access, "denied") : access);
  const library = new ArticleLibrary({
    shipped: options.article,
    shelf: options.shelf,
    ingest: options.ingest,
    log: options.log,
    ...(options.consultShelf ? { consult: options.consultShelf } : {}),
    ...options.channelArticles,
  });
  return {
    article: options.article,
    library,
    loaders: {
      history: historyLoader(options.records),
      ...articleLoaders(library, options.records, options.log),
    },
    commands: options.commands,
    log: options.log,
    checks,
    answers: cacheEntries > 0 ? new AnswerCache(cacheEntries) : undefined,
    posts: shared?.posts ?? new LocalPostLocks(),
    confirm: confirmSettings({
      ...(options.records
        ? { onDecision: recordDecisions(options.records, options.log, options.article.title) }
        : {}),
      ...options.confirm,
    }),
    records: options.records,
    threads: options.threads,
    seen: shared?.seen,
    sharedPending: shared?.pending,
    observer,
    verdicts,
  };
}

/**
 * Runs an invocation through the checks and the shared handlers, logging any handler failure. A
 * thread plan is recorded as asked before it goes back to be posted; when that cannot be recorded
 * the moderator gets a short note instead and nothing is posted.
 */
export async function answer(bot: Bot, invocation: Invocation): Promise<Outcome> {
  const { observer, verdicts } = bot;
  const command = findCommand(bot.commands, invocation.command, invocation.subcommand);
  if (!observer || !verdicts) return answerOnly(bot, invocation, command);
  const started = performance.now();
  let failed = false;
  const told = (outcome: Outcome | undefined) =>
    observer.command(
      invocation.platform,
      command,
      outcome ? verdicts.of(outcome, failed) : "error",
      (performance.now() - started) / 1000,
    );
  try {
    const outcome = await answerOnly(bot, invocation, command, () => {
      failed = true;
    });
    told(outcome);
    return outcome;
  } catch (error) {
    told(undefined);
    throw error;
  }
}

async function answerOnly(
  bot: Bot,
  invocation: Invocation,
  command: Command | undefined,
  failed?: () => void,
): Promise<Outcome> {
  const outcome = await decide(bot, invocation, command, failed);
  if (outcome.kind !== "thread" || !bot.records || !invocation.where) return outcome;
  try {
    await bot.records.record(asked(bot, invocation, outcome));
    return outcome;
  } catch (error) {
    failed?.();
    if (!(error instanceof RecordsUnavailable))
      bot.log.error({ err: error, platform: invocation.platform }, "could not record /article post");
    return errorReply(unavailableNote(error, "Nothing was posted."));
  }
}

function asked(bot: Bot, invocation: Invocation, plan: ThreadPlan) {
  const where = invocation.where as NonNullable<Invocation["where"]>;
  const { platform, user } = invocation;
  return postStep(
    { platform, where, actor: user.id, article: plan.header.title ?? bot.article.title, outcome: "asked" },
    plan,
  );
}

function decide(
  bot: Bot,
  invocation: Invocation,
  command: Command | undefined,
  failed?: () => void,
): Promise<Outcome> {
  return dispatch(
    invocation,
    {
      article: bot.article,
      commands: bot.commands,
      checks: bot.checks,
      answers: bot.answers,
      onError: (error, inv) => {
        failed?.();
        bot.log.error(
          {
            err: error,
            command: inv.command,
            subcommand: inv.subcommand,
            platform: inv.platform,
            user: inv.user?.id,
          },
          "command failed",
        );
      },
      resolveArticle: (requested, inv) => bot.library.resolve(requested, channelOf(inv)),
      load: (need, inv, options) => {
        const load = bot.loaders[need];
        return load ? load(inv, options) : Promise.reject(new Error(`nothing loads ${need}`));
      },
    },
    command,
  );
}

/** /article history's load: this workspace's moderator records, newest first. */
function historyLoader(records: ModeratorRecords | undefined): Loader {
  return async (invocation) => {
    if (!records)
      throw new Refused("/article history needs the moderator records, which this bot does not keep.");
    const where = invocation.where;
    if (!where) return { history: [] };
    return { history: await records.history({ platform: invocation.platform, workspace: where.workspace }) };
  };
}

/** What the member has typed so far, where, for completing one option. */
export interface Typing {
  command: { name: string; subcommand?: string | undefined };
  option: string;
  typed: string;
  /** The `article` option's value, when the member gave one already. */
  article?: string | undefined;
  /** Where the member types, which decides the articles they may name and the channel's own. */
  at?: Pick<Invocation, "platform" | "where"> | undefined;
}

/**
 * Suggestions for an option as the member types it; empty for options without completion. The
 * `article` option completes from the articles this server or workspace may use; any other, from
 * the article the command would answer for.
 */
export async function complete(bot: Bot, typing: Typing): Promise<string[]> {
  const { command, option, typed } = typing;
  const at = typing.at && channelOf(typing.at);
  const def = findCommand(bot.commands, command.name, command.subcommand)?.options[option];
  if (def?.completes === "articles") return bot.library.complete(at, typed);
  if (!def?.complete) return [];
  const article = await bot.library.resolve(typing.article, at);
  return article instanceof Refused ? [] : def.complete(article, typed);
}

/**
 * Whether the answer waits on a fetch and a build (/article add): an adapter acknowledges it as it
 * arrives rather than after a while, since the build's CPU work can hold up a timer.
 */
export const answersSlowly = (
  bot: Pick<Bot, "commands">,
  invocation: Pick<Invocation, "command" | "subcommand">,
): boolean => findCommand(bot.commands, invocation.command, invocation.subcommand)?.slow === true;
