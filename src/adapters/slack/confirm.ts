/**
 * Preview and confirm for /article post on Slack: the moderator's ephemeral answer shows what will
 * be posted and where, with Block Kit buttons; a press arrives as `block_actions` (signed HTTP or
 * a Socket Mode `interactive` envelope), is acked at once and decided once by the core
 * (src/core/thread/confirm.ts). Answers go to the press's response_url: Post, Cancel and expiry
 * replace the preview (it becomes the post's status line), a refusal comes as a note of its own.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, webApi } from "@slack/bolt";
import type { ArticleText } from "../../article/kinds.js";
import type { ThreadPlan } from "../../core/reply.js";
import type { Confirmations } from "../../core/thread/confirm.js";
import { ALREADY_DECIDED, CANCELLED, EXPIRED, notOwner } from "../../core/thread/confirm-words.js";
import type { InFlight } from "../../runtime/in-flight.js";
import type { Logger } from "../../runtime/log.js";
import { errorReason } from "./errors.js";
import type { CommandPayload } from "./payload.js";
import { escapeMrkdwn } from "./render/escape.js";
import { note, type SlackMessage } from "./render/limits.js";
import { ACTIONS, renderPreview } from "./render/preview.js";
import { renderThread } from "./render/thread.js";
import type { Responder } from "./respond.js";
import { channelRef } from "./thread/target.js";

/** What a confirmed post needs: plain data, so a shared store could hold it. */
export interface PostRequest {
  payload: Pick<CommandPayload, "channel_id" | "team_id" | "user_id">;
  /** The command's log fields (command, user, channel). */
  context: Record<string, unknown>;
}

export type SlackConfirmations = Confirmations<PostRequest>;

/** Sends the preview as the command's answer; the plan waits for a press. */
export async function showPreview(
  confirmations: SlackConfirmations,
  p: { payload: CommandPayload; plan: ThreadPlan; reply: Responder; context: Record<string, unknown> },
  article: ArticleText,
  bot: { botUserId: string },
): Promise<void> {
  const { payload, plan } = p;
  const target = channelRef(plan.channel, payload.channel_id);
  const owner = { id: payload.user_id, name: payload.user_name || payload.user_id };
  const request = {
    payload: { channel_id: payload.channel_id, team_id: payload.team_id, user_id: payload.user_id },
    context: p.context,
  };
  const where = { workspace: payload.team_id, channel: payload.channel_id };
  const { id } = await confirmations.ask({ plan, owner, target: request, where });
  const thread = renderThread(plan, article, bot);
  const preview = renderPreview({
    id,
    title: plan.threadTitle,
    target,
    thread,
    ttlMs: confirmations.ttlMs,
    notice: plan.notice,
  });
  await p.reply.send({ response_type: "ephemeral", ...preview });
}

export interface ButtonDeps {
  confirmations: SlackConfirmations;
  log: Logger;
  client: webApi.WebClient;
  isSlackHook: (url: unknown) => boolean;
  inFlight: InFlight;
  /** Posts a confirmed plan, its notes through `reply`. */
  run: (request: PostRequest, plan: ThreadPlan, reply: Responder) => Promise<void>;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & Pick<AllMiddlewareArgs, "logger">;

/** The app.action constraint for both buttons. */
export const BUTTON_IDS = new RegExp(`^(${ACTIONS.post}|${ACTIONS.cancel})$`, "u");

/** Acks every press at once, then answers it exactly once; a preview posts at most once. */
export function buttonListener(deps: ButtonDeps): (args: ButtonArgs) => Promise<void> {
  return async ({ ack, body, action, respond }) => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id ?? "";
    const context = { action: "action_id" in action ? action.action_id : "?", user, channel };
    const trusted = deps.isSlackHook(body.response_url);
    /** Through the press's response_url (replacing the preview, or beside it); else chat.postEphemeral. */
    const say = async (message: SlackMessage, replace: boolean): Promise<boolean> => {
      try {
        if (!trusted) throw new Error("the press's response_url is not Slack's");
        await respond({ response_type: "ephemeral", replace_original: replace, ...message });
        return true;
      } catch (error) {
        deps.log.warn(
          { ...context, cause: errorReason(error) },
          "answering a button through chat.postEphemeral",
        );
      }
      try {
        await deps.client.chat.postEphemeral({ channel, user, ...message });
        return true;
      } catch (error) {
        deps.log.error({ ...context, cause: errorReason(error) }, "could not answer a button press");
        return false;
      }
    };
    if (action.type !== "button" || typeof action.value !== "string") return;
    if (deps.inFlight.closing) {
      await say(
        note("The bot is restarting, so that button did nothing. Run /article post again in a minute."),
        false,
      );
      return;
    }
    const decision = action.action_id === ACTIONS.post ? "confirmed" : "cancelled";
    const value = action.value;
    const decide = async () => {
      const taken = await deps.confirmations.decide(value, user, decision);
      switch (taken.kind) {
        case "notOwner":
          return void (await say(note(notOwner(escapeMrkdwn(taken.owner.name))), false));
        case "alreadyTaken":
          return void (await say(note(ALREADY_DECIDED), false));
        case "expired":
          return void (await say(note(EXPIRED), true));
        case "taken":
          if (decision === "cancelled") return void (await say(note(CANCELLED), true));
          return deps.run(taken.entry.target, taken.entry.plan, { send: (m) => say(m, true) });
      }
    };
    // Whatever fails, the moderator hears of it once, and the log has one line.
    await deps.inFlight.track(
      decide().catch(async (error: unknown) => {
        deps.log.error({ ...context, cause: errorReason(error) }, "slack button failed");
        await say(note("Sorry, that failed on our side. It has been logged; please try again."), false);
      }),
    );
  };
}
