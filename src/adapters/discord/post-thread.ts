import {
  type APIThreadChannel,
  ChannelType,
  type ChatInputCommandInteraction,
  type Client,
  MessageFlags,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelThreadsJSONBody,
  Routes,
  ThreadAutoArchiveDuration,
} from "discord.js";
import type { Bot } from "../../bot.js";
import type { ThreadPlan } from "../../reply.js";
import { errorFields } from "./api-errors.js";
import { NO_MENTIONS } from "./limits.js";
import { progress } from "./progress.js";
import { renderThread, threadName } from "./render-thread.js";
import { findTarget } from "./target.js";
import * as report from "./thread-report.js";

export interface DiscordContext {
  bot: Bot;
  client: Client<true>;
}

/**
 * /article post: defer (posting takes longer than Discord's 3 seconds), find or create the thread,
 * post the parts in order while the moderator's ephemeral reply shows progress, and end with what
 * was posted, or exactly what was and was not when Discord refuses something.
 */
export async function postThread(
  { bot, client }: DiscordContext,
  interaction: ChatInputCommandInteraction,
  plan: ThreadPlan,
  logContext: Record<string, unknown>,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const status = progress(
    (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
    (error) => bot.log.warn({ ...logContext, cause: errorFields(error) }, "progress update failed"),
  );

  const target = await findTarget(client, interaction, plan);
  if (target.kind === "problem") return status.finish(target.message);

  let threadId = target.id;
  if (target.kind === "channel") {
    status.show(report.creating(target.id));
    try {
      threadId = await createThread(
        client,
        target.id,
        target.type,
        threadName(plan),
        interaction.user.username,
      );
    } catch (error) {
      bot.log.error(
        { ...logContext, channel: target.id, cause: errorFields(error) },
        "thread creation failed",
      );
      return status.finish(report.notCreated(target.id, error, target.needs));
    }
  }

  const parts = renderThread(plan, bot.article);
  for (const [i, part] of parts.entries()) {
    status.show(report.posting(i + 1, parts.length, threadId));
    const body: RESTPostAPIChannelMessageJSONBody = {
      ...part.message,
      allowed_mentions: NO_MENTIONS,
      // Discord drops a repeat of the same nonce, so a request retried after a timeout cannot
      // post the same part twice.
      nonce: `${interaction.id}:${i}`,
      enforce_nonce: true,
    };
    try {
      await client.rest.post(Routes.channelMessages(threadId), { body });
    } catch (error) {
      bot.log.error(
        { ...logContext, thread: threadId, part: i + 1, of: parts.length, cause: errorFields(error) },
        "posting to the thread failed",
      );
      return status.finish(report.stopped(parts, i, threadId, error, target.needs));
    }
  }
  bot.log.info({ ...logContext, thread: threadId, messages: parts.length }, "article posted");
  await status.finish(report.done(parts, threadId));
}

async function createThread(
  client: Client<true>,
  channelId: string,
  type: ChannelType.GuildText | ChannelType.GuildAnnouncement,
  name: string,
  by: string,
): Promise<string> {
  const body: RESTPostAPIChannelThreadsJSONBody = {
    name,
    // Without a type Discord creates a private thread; announcement channels take their own kind.
    type: type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
    auto_archive_duration: ThreadAutoArchiveDuration.OneWeek,
  };
  const thread = (await client.rest.post(Routes.threads(channelId), {
    body,
    reason: `/article post by ${by}`,
  })) as APIThreadChannel;
  return thread.id;
}
