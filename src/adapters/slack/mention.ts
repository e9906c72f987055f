/**
 * Asking the bot by mentioning it (Slack's `app_mention` event), in a channel or in a thread, where
 * Slack runs no slash commands. The text after the bot's mention becomes a slash command's payload
 * and takes exactly the slash command's path (inbound.ts: the same parsing, checks, cooldown,
 * moderator access and thread post); only where the answers go differs: into the thread (under the
 * mention when it was top-level), private answers and errors as ephemeral messages to the member.
 * `@bot article post` inside the bot's own thread resumes that thread (mention-thread.ts). Events
 * are acked by Bolt on arrival; a retried one never reaches here (replay.ts).
 */
import type { SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import type { Logger } from "../../runtime/log.js";
import type { SlackIdentity } from "./client.js";
import { errorReason } from "./errors.js";
import { type ListenerDeps, refuse, run } from "./inbound.js";
import { commandLabel } from "./invocation.js";
import { type MentionPlace, readMention } from "./mention-event.js";
import { inItsThread } from "./mention-thread.js";
import { note } from "./render/limits.js";
import type { Responder } from "./respond.js";

type MentionArgs = Pick<SlackEventMiddlewareArgs<"app_mention">, "event" | "body">;

/** Answers every member's mention of the bot once, in its thread; ignores everything else. */
export function mentionListener(
  deps: ListenerDeps,
  identity: Pick<SlackIdentity, "botUserId" | "botName">,
): (args: MentionArgs) => Promise<void> {
  const { bot, inFlight, log } = deps;
  return async ({ event, body }) => {
    const read = readMention(event, body, identity);
    if (!read.ok) {
      log.debug({ why: read.why }, "a mention that asks nothing");
      if (read.place && read.hint)
        await mentionResponder(deps.client, read.place, log, {}).send({
          response_type: "ephemeral",
          ...note(read.hint),
        });
      return;
    }
    const { payload, place } = read;
    const label = commandLabel(payload, bot.commands);
    const context = { command: label, user: payload.user_id, channel: payload.channel_id, via: "mention" };
    const reply = mentionResponder(deps.client, place, log, context);
    if (inFlight.closing) return refuse(reply, `@${identity.botName} ${label} was not run`);
    const { reader, author } = deps.thread;
    return inFlight.track(
      inItsThread(payload, place, { reader, author, log }).then((asked) => run(deps, asked, reply, context)),
    );
  };
}

/**
 * Answers in the mention's thread: public ones as replies (chat.postMessage with thread_ts),
 * private ones and errors as ephemeral messages there, seen only by the member who asked.
 */
export function mentionResponder(
  client: webApi.WebClient,
  place: MentionPlace,
  log: Logger,
  context: Record<string, unknown>,
): Responder {
  const where = { channel: place.channel, thread_ts: place.threadTs };
  return {
    async send({ response_type: type, text, blocks }) {
      try {
        if (type === "in_channel")
          await client.chat.postMessage({ ...where, text, blocks, unfurl_links: false, unfurl_media: false });
        else await client.chat.postEphemeral({ ...where, user: place.user, text, blocks });
        return true;
      } catch (error) {
        log.error({ ...context, cause: errorReason(error) }, "could not answer the mention");
        return false;
      }
    },
  };
}
