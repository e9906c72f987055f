import type { SlackCommandMiddlewareArgs, webApi } from "@slack/bolt";
import { answer, type Bot } from "../../core/answer.js";
import { errorReply, type Outcome, type Reply, type ThreadPlan } from "../../core/reply.js";
import { within } from "../../runtime/abort.js";
import type { InFlight } from "../../runtime/in-flight.js";
import type { ModeratorCheck } from "./access.js";
import { describeSlackError } from "./errors.js";
import { commandLabel, toInvocation } from "./invocation.js";
import { type SlackMessage, section } from "./render/limits.js";
import { renderReply } from "./render/reply.js";
import { starting } from "./render/report.js";
import { renderThread } from "./render/thread.js";
import { type Answer, type Responder, responder } from "./respond.js";
import { Stopped, unlessStopped } from "./stopping.js";
import { postThread, type ThreadDeps } from "./thread/sink.js";
import { channelRef } from "./thread/target.js";

export interface ListenerDeps {
  bot: Bot;
  /** A reply as Slack messages (rendered once for answers that repeat). */
  render: (reply: Reply) => SlackMessage[];
  isModerator: ModeratorCheck;
  thread: Omit<ThreadDeps, "tell" | "signal">;
  /** Posts an answer itself when both the ack and the response_url failed. */
  client: webApi.WebClient;
  inFlight: InFlight;
  /**
   * Slack wants an ack within 3 s. An answer ready within this many ms goes in the ack itself (one
   * round trip, nothing to lose); a slower one (a users.info check) is acked first and follows
   * through `respond`.
   */
  ackDeadlineMs: number;
}

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond">;
type Payload = CommandArgs["command"];
type Context = Record<string, unknown>;

/** Answers every slash command exactly once, whatever happens on the way; during shutdown, with a note. */
export function commandListener(deps: ListenerDeps): (args: CommandArgs) => Promise<void> {
  const { bot, inFlight } = deps;
  const log = deps.thread.log;
  return ({ command: payload, ack, respond }) => {
    const label = commandLabel(payload, bot.commands);
    const context = { command: label, platform: "slack", user: payload.user_id, channel: payload.channel_id };
    const reply = responder({ ack, respond, client: deps.client, payload, log, context });
    if (inFlight.closing) return refuse(reply, `/${label} was not run`);
    return inFlight.track(run(deps, payload, reply, context));
  };
}

async function run(deps: ListenerDeps, payload: Payload, reply: Responder, context: Context): Promise<void> {
  const log = deps.thread.log;
  try {
    const work = decide(deps, payload, context);
    let outcome = await within(work, deps.ackDeadlineMs);
    if (outcome === undefined) {
      await reply.send(ephemeral(WORKING));
      outcome = await unlessStopped(work, deps.inFlight.signal, false);
    }
    if (outcome.kind === "thread") await runThread(deps, payload, outcome, reply);
    else await sendReply(outcome, deps.render, reply);
  } catch (error) {
    if (error instanceof Stopped) {
      log.warn({ ...context, cause: error.message }, "command cut short: the bot is shutting down");
      await refuse(reply, `it could not finish /${String(context.command)}`);
      return;
    }
    log.error({ ...context, cause: describeSlackError(error), err: error }, "slash command failed");
    const [apology] = renderReply(
      errorReply("Sorry, that failed on our side. It has been logged; please try again."),
      deps.bot.article,
    );
    if (apology) await reply.send(ephemeral(apology));
  }
}

async function decide(deps: ListenerDeps, payload: Payload, _context: Context): Promise<Outcome> {
  const { bot } = deps;
  const parsed = toInvocation(payload, bot.commands, deps.isModerator);
  if (!parsed.ok) return errorReply(parsed.error);
  return answer(bot, parsed.invocation);
}

async function sendReply(reply: Reply, render: ListenerDeps["render"], to: Responder): Promise<void> {
  const responseType = reply.visibility === "public" ? "in_channel" : "ephemeral";
  for (const message of render(reply)) await to.send({ response_type: responseType, ...message });
}

async function runThread(deps: ListenerDeps, payload: Payload, plan: ThreadPlan, reply: Responder) {
  const target = channelRef(plan.channel, payload.channel_id);
  const thread = renderThread(plan, deps.bot.article);
  await reply.send(
    ephemeral(starting({ title: plan.threadTitle, channel: target.label, replies: thread.replies.length })),
  );
  const tell = (message: SlackMessage) => reply.send(ephemeral(message));
  await postThread({ ...deps.thread, signal: deps.inFlight.signal, tell }, target, thread, plan.threadTitle);
}

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

const WORKING = note("Working on it…");

/** During shutdown: said once, privately, so the member knows to ask again. */
const refuse = async (reply: Responder, what: string): Promise<void> => {
  await reply.send(ephemeral(note(`The bot is restarting, so ${what}. Please try again in a minute.`)));
};

const ephemeral = (message: SlackMessage): Answer => ({ response_type: "ephemeral", ...message });
