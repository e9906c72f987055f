/**
 * The bot every adapter is given (the article, the commands, the log, the checks and the answer
 * cache), and the two questions an adapter asks of it: answer this invocation, and complete this
 * option as the member types it.
 */
import type { Article } from "../article/load.js";
import { Cooldown, type RateLimit } from "../runtime/cooldown.js";
import type { Logger } from "../runtime/log.js";
import { AnswerCache } from "./answer-cache.js";
import { accessCheck, type Check, cooldownCheck } from "./checks.js";
import type { Command } from "./command.js";
import { dispatch, findCommand } from "./dispatch.js";
import type { Invocation } from "./invocation.js";
import { type BotObserver, Verdicts } from "./observe.js";
import { type ModeratorRecords, RecordsUnavailable, unavailableNote } from "./records.js";
import { errorReply, type Outcome, type ThreadPlan } from "./reply.js";
import { type ConfirmSettings, confirmSettings, type PendingPosts } from "./thread/confirm.js";
import { postStep, recordDecisions } from "./thread/decisions.js";
import { LocalPostLocks, type PostLocks } from "./thread/locks.js";
import type { ThreadIndex } from "./thread/remembered.js";

export interface Bot {
  article: Article;
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
  return {
    article: options.article,
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
  if (!observer || !verdicts) return answerOnly(bot, invocation);
  const started = performance.now();
  let failed = false;
  const told = (outcome: Outcome | undefined) =>
    observer.command(
      invocation.platform,
      findCommand(bot.commands, invocation.command, invocation.subcommand),
      outcome ? verdicts.of(outcome, failed) : "error",
      (performance.now() - started) / 1000,
    );
  try {
    const outcome = await answerOnly(bot, invocation, () => {
      failed = true;
    });
    told(outcome);
    return outcome;
  } catch (error) {
    told(undefined);
    throw error;
  }
}

async function answerOnly(bot: Bot, invocation: Invocation, failed?: () => void): Promise<Outcome> {
  const outcome = await decide(bot, invocation, failed);
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
  return postStep({ platform, where, actor: user.id, article: bot.article.title, outcome: "asked" }, plan);
}

function decide(bot: Bot, invocation: Invocation, failed?: () => void): Promise<Outcome> {
  const { records } = bot;
  return dispatch(invocation, {
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
    ...(records ? { load: (_need, inv) => loadHistory(records, inv) } : {}),
  });
}

async function loadHistory(records: ModeratorRecords, invocation: Invocation) {
  const where = invocation.where;
  if (!where) return { history: [] };
  return { history: await records.history({ platform: invocation.platform, workspace: where.workspace }) };
}

/** Suggestions for an option as the member types it; empty for options without completion. */
export function complete(
  bot: Bot,
  command: { name: string; subcommand?: string | undefined },
  option: string,
  typed: string,
): string[] {
  const def = findCommand(bot.commands, command.name, command.subcommand)?.options[option];
  return def?.complete ? def.complete(bot.article, typed) : [];
}
