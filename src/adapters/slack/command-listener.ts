import type { RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { answer, type Bot } from "../../bot.js";
import { errorReply, type Outcome, type Reply, type ThreadPlan } from "../../reply.js";
import { type SlackMessage, section } from "./blocks.js";
import { channelRef } from "./channel.js";
import { needsModerator, toInvocation } from "./invocation.js";
import type { ModeratorCheck } from "./moderators.js";
import { postThread, type ThreadDeps } from "./post-thread.js";
import { starting } from "./progress.js";
import { renderReply } from "./render.js";
import { renderThread } from "./render-thread.js";

export interface ListenerDeps {
  bot: Bot;
  isModerator: ModeratorCheck;
  thread: Omit<ThreadDeps, "tell">;
  /**
   * Slack wants an ack within 3 s. An answer ready within this many ms goes in the ack itself (one
   * round trip, nothing to lose); a slower one (a users.info check) is acked first and follows
   * through `respond`.
   */
  ackDeadlineMs: number;
}

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond">;

/** Answers every slash command exactly once, whatever happens on the way. */
export function commandListener(deps: ListenerDeps): (args: CommandArgs) => Promise<void> {
  const { bot, ackDeadlineMs } = deps;
  const log = deps.thread.log;
  return async ({ command: payload, ack, respond }) => {
    let acked = false;
    // The first message goes in the ack, every later one through the response_url.
    const send = async (message: RespondArguments) => {
      if (acked) await respond(message);
      else {
        acked = true;
        await ack(message);
      }
    };
    const context = {
      command: payload.command,
      text: payload.text,
      platform: "slack",
      user: payload.user_id,
      channel: payload.channel_id,
    };
    try {
      const work = decide(deps, payload);
      const outcome = await within(work, ackDeadlineMs);
      if (outcome === undefined) await send(ephemeral(WORKING));
      const result = outcome ?? (await work);
      if (result.kind === "thread") await runThread(deps, payload, result, send);
      else await sendReply(result, bot, send);
    } catch (error) {
      log.error({ ...context, err: error }, "slash command failed");
      const [apology] = renderReply(
        errorReply("Sorry, that failed on our side. It has been logged; please try again."),
        bot.article,
      );
      if (apology)
        await send(ephemeral(apology)).catch((e: unknown) =>
          log.error({ ...context, err: e }, "could not apologise"),
        );
    }
  };
}

async function decide(deps: ListenerDeps, payload: CommandArgs["command"]): Promise<Outcome> {
  const { bot } = deps;
  const parsed = toInvocation(payload, bot.commands);
  if (!parsed.ok) return errorReply(parsed.error);
  const { invocation } = parsed;
  if (needsModerator(invocation, bot.commands))
    invocation.isModerator = await deps.isModerator(invocation.user.id);
  return answer(bot, invocation);
}

async function sendReply(
  reply: Reply,
  bot: Bot,
  send: (m: RespondArguments) => Promise<void>,
): Promise<void> {
  const responseType = reply.visibility === "public" ? "in_channel" : "ephemeral";
  for (const message of renderReply(reply, bot.article))
    await send({ response_type: responseType, ...message });
}

async function runThread(
  deps: ListenerDeps,
  payload: CommandArgs["command"],
  plan: ThreadPlan,
  send: (m: RespondArguments) => Promise<void>,
): Promise<void> {
  const target = channelRef(plan.channel, payload.channel_id);
  const thread = renderThread(plan, deps.bot.article);
  await send(
    ephemeral(starting({ title: plan.threadTitle, channel: target.label, replies: thread.replies.length })),
  );
  const tell = (message: SlackMessage) =>
    send(ephemeral(message)).catch((error: unknown) =>
      deps.thread.log.error(
        { err: error, command: "article post", platform: "slack" },
        "could not tell the moderator how the thread post went",
      ),
    );
  await postThread({ ...deps.thread, tell }, target, thread, plan.threadTitle);
}

const WORKING: SlackMessage = { text: "Working on it…", blocks: [section("Working on it…")] };

const ephemeral = (message: SlackMessage): RespondArguments => ({ response_type: "ephemeral", ...message });

/** The promise's value if it settles within `ms`, else undefined (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
