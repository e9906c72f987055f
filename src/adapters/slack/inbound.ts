/**
 * One slash command in, exactly one answer out: the payload becomes an Invocation, the core answers
 * it, and the answer goes back through respond.ts; a thread plan is posted through thread/. Whatever
 * fails on the way, the member hears about it once; during shutdown, with a note to try again.
 */
import type { SlackCommandMiddlewareArgs, webApi } from "@slack/bolt";
import { answer, answersSlowly, type Bot } from "../../core/answer.js";
import { errorReply, type Outcome, type Reply, type ThreadPlan } from "../../core/reply.js";
import { postRecorded, recordsFor } from "../../core/thread/recorded.js";
import { Aborted, unlessAborted, within } from "../../runtime/abort.js";
import type { InFlight } from "../../runtime/in-flight.js";
import type { Logger } from "../../runtime/log.js";
import type { ModeratorCheck } from "./access.js";
import { type ButtonDeps, buttonListener, type SlackConfirmations, showPreview } from "./confirm.js";
import { errorFields, errorReason } from "./errors.js";
import { commandLabel, toInvocation } from "./invocation.js";
import { type CommandPayload, readPayload } from "./payload.js";
import { note, type SlackMessage } from "./render/limits.js";
import { renderOnce } from "./render/once.js";
import { renderReply } from "./render/reply.js";
import { renderReport, renderStep, starting } from "./render/report.js";
import { renderThread, threadParts } from "./render/thread.js";
import { type Answer, type Responder, responder } from "./respond.js";
import { encodeThread, type SinkDeps, SlackSink, type SlackThread } from "./thread/sink.js";
import { channelRef } from "./thread/target.js";

export interface ListenerDeps {
  bot: Bot;
  /** The adapter's log (its lines carry platform: "slack"). */
  log: Logger;
  isModerator: ModeratorCheck;
  /** What a thread post needs besides the log and the shutdown signal. */
  thread: Omit<SinkDeps, "log" | "signal"> & {
    /** The bot's user name, for the `/invite @name` hint. */
    botName: string;
  };
  /** Whether a payload's response_url may be followed (Slack's hooks host). */
  isSlackHook: (url: unknown) => boolean;
  /** Posts an answer itself when both the ack and the response_url failed. */
  client: webApi.WebClient;
  inFlight: InFlight;
  /**
   * Slack wants an ack within 3 s. An answer ready within this many ms goes in the ack itself (one
   * round trip, nothing to lose); a slower one (a users.info check) is acked first and follows
   * through `respond`.
   */
  ackDeadlineMs: number;
  /** /article post previews waiting for Post or Cancel. */
  confirmations: SlackConfirmations;
}

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond">;
type Payload = CommandPayload;
type Context = Record<string, unknown>;

/** Answers every slash command exactly once, whatever happens on the way; during shutdown, with a note. */
export function commandListener(deps: ListenerDeps): (args: CommandArgs) => Promise<void> {
  const { bot, inFlight, log } = deps;
  return async ({ command: raw, ack, respond }) => {
    const read = readPayload(raw);
    if (!read.ok) {
      // Answered in the ack alone: the payload's response_url and channel cannot be trusted.
      log.warn({ field: read.field }, "refused a malformed slash command");
      await ack(ephemeral(note(read.error))).catch((error: unknown) =>
        log.warn({ cause: errorReason(error) }, "could not answer a malformed slash command"),
      );
      return;
    }
    const { payload } = read;
    const label = commandLabel(payload, bot.commands);
    const context = { command: label, user: payload.user_id, channel: payload.channel_id };
    const trusted = deps.isSlackHook(payload.response_url);
    // Said once: every later message of this command goes through the Web API instead.
    if (!trusted && payload.response_url !== undefined)
      log.warn(
        { ...context, host: hostOf(payload.response_url) },
        "not following a response_url outside Slack",
      );
    const reply = responder({
      ack,
      respond: trusted ? respond : undefined,
      client: deps.client,
      payload,
      log,
      context,
    });
    if (inFlight.closing) return refuse(reply, `/${label} was not run`);
    return inFlight.track(run(deps, payload, reply, context));
  };
}

/** One command's whole answer through `reply` (mention.ts answers mentions through it too). */
export async function run(
  deps: ListenerDeps,
  payload: Payload,
  reply: Responder,
  context: Context,
): Promise<void> {
  const { log } = deps;
  try {
    const asked = toAsk(deps, payload);
    // A slow command (a fetch and a build, whose CPU work would hold up the timer) is acked first.
    if (asked.slow) await reply.send(ephemeral(WORKING));
    const work = asked.answer();
    let outcome = asked.slow
      ? await unlessAborted(work, deps.inFlight.signal)
      : await within(work, deps.ackDeadlineMs);
    if (outcome === undefined) {
      await reply.send(ephemeral(WORKING));
      outcome = await unlessAborted(work, deps.inFlight.signal);
    }
    if (outcome.kind === "thread" && outcome.confirm === false)
      await runThread(deps, payload, outcome, reply, context);
    else if (outcome.kind === "thread")
      await showPreview(
        deps.confirmations,
        { payload, plan: outcome, reply, context },
        await deps.bot.library.textOf(outcome),
        deps.thread.author,
      );
    else await sendReply(outcome, deps.bot, reply);
  } catch (error) {
    if (error instanceof Aborted) {
      log.warn({ ...context, cause: errorReason(error) }, "command cut short: the bot is shutting down");
      await refuse(reply, `it could not finish /${String(context.command)}`);
      return;
    }
    log.error({ ...context, cause: errorReason(error), error: errorFields(error) }, "slash command failed");
    const [apology] = renderReply(
      errorReply("Sorry, that failed on our side. It has been logged; please try again."),
      deps.bot.article,
    );
    if (apology) await reply.send(ephemeral(apology));
  }
}

/** What the payload asks, and whether answering it is slow (see answersSlowly). */
function toAsk(deps: ListenerDeps, payload: Payload): { slow: boolean; answer: () => Promise<Outcome> } {
  const { bot } = deps;
  const parsed = toInvocation(payload, bot.commands, deps.isModerator);
  if (!parsed.ok) return { slow: false, answer: async () => errorReply(parsed.error) };
  // Recorded per workspace: a payload without its team id (never from Slack itself) records nothing.
  const where = payload.team_id ? { workspace: payload.team_id, channel: payload.channel_id } : undefined;
  const invocation = { ...parsed.invocation, where };
  return { slow: answersSlowly(bot, invocation), answer: () => answer(bot, invocation) };
}

async function sendReply(reply: Reply, bot: Bot, to: Responder): Promise<void> {
  const responseType = reply.visibility === "public" ? "in_channel" : "ephemeral";
  const messages = renderOnce(reply, await bot.library.textOf(reply));
  // An error is one message, however much it was given to say.
  for (const message of reply.tone === "error" ? messages.slice(0, 1) : messages)
    await to.send({ response_type: responseType, ...message });
}

/** Post and Cancel under a preview (confirm.ts); Post runs the plan as a command would. */
export const buttonsListener = (deps: ListenerDeps): ReturnType<typeof buttonListener> =>
  buttonListener({
    ...(deps satisfies Omit<ButtonDeps, "run">),
    run: (request, plan, reply) => runThread(deps, request.payload, plan, reply, request.context),
  });

/** Posts the plan through the core with Slack's sink, telling the moderator how it goes. */
async function runThread(
  deps: ListenerDeps,
  payload: Pick<Payload, "channel_id" | "team_id" | "user_id">,
  plan: ThreadPlan,
  reply: Responder,
  context: Context,
) {
  const target = channelRef(plan.channel, payload.channel_id);
  const thread = renderThread(plan, await deps.bot.library.textOf(plan), deps.thread.author);
  await reply.send(
    ephemeral(
      starting({
        title: plan.threadTitle,
        channel: target.label,
        replies: thread.replies.length,
        articleText: thread.articleText,
      }),
    ),
  );
  const { botName, ...sinkDeps } = deps.thread;
  const log = deps.log.child(context);
  const signal = deps.inFlight.signal;
  const { memory, keep } = recordsFor(deps.bot, {
    platform: "slack",
    workspace: payload.team_id,
    channel: target.id,
    title: plan.threadTitle,
    article: plan.header.title,
    actor: payload.user_id,
    log,
    encode: encodeThread,
  });
  const sink = new SlackSink({ ...sinkDeps, log, signal, memory }, target, threadParts(thread));
  const words = {
    title: plan.threadTitle,
    target,
    botName,
    permalink: (t: SlackThread) => sink.permalinks.get(t.ts),
  };
  // Notes go out one at a time, in order, while posting goes on.
  let notes = Promise.resolve();
  const tell = (message: SlackMessage) => {
    notes = notes.then(() => reply.send(ephemeral(message)).then(() => undefined));
  };
  const report = await postRecorded({
    keep,
    sink,
    signal,
    log,
    errorFields,
    threadFields: (t) => ({ parent: t.ts, target: t.channel }),
    // One post per workspace, channel and title at a time: the same title is the same thread.
    lock: { locks: deps.bot.posts, key: `slack:${payload.team_id}:${target.id}:${plan.threadTitle}` },
    onStep: (step) => {
      const shown = renderStep(step, words, sink.started);
      if (shown) tell(shown);
    },
  });
  tell(renderReport(report, words));
  await notes;
}

const WORKING = note("Working on it…");

/** During shutdown: said once, privately, so the member knows to ask again. */
export const refuse = async (reply: Responder, what: string): Promise<void> => {
  await reply.send(ephemeral(note(`The bot is restarting, so ${what}. Please try again in a minute.`)));
};

const hostOf = (url: string): string => (URL.canParse(url) ? new URL(url).host : "(not a URL)").slice(0, 100);

const ephemeral = (message: SlackMessage): Answer => ({ response_type: "ephemeral", ...message });
