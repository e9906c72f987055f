/**
 * Where /article post goes on Discord, and whether the bot may post there, checked before anything
 * is created.
 */
import {
  type Channel,
  ChannelType,
  type ChatInputCommandInteraction,
  type Client,
  PermissionsBitField,
} from "discord.js";
import type { ThreadPlan } from "../../../core/reply.js";
import { BOT_NEEDS, missing, type NamedPermission } from "../access.js";
import { botCannot, link } from "../render/report.js";

/** Where /article post goes: into an existing thread, or into a new thread in a channel. */
export type Target =
  | { kind: "thread"; id: string; needs: NamedPermission[] }
  | {
      kind: "channel";
      id: string;
      type: ChannelType.GuildText | ChannelType.GuildAnnouncement;
      needs: NamedPermission[];
    }
  | { kind: "problem"; message: string };

// In an existing thread the bot first reads what is already there: without Read Message History
// Discord answers with no messages at all, and the bot would post the whole article again.
const IN_THREAD = [BOT_NEEDS.view, BOT_NEEDS.readHistory, BOT_NEEDS.postInThread, BOT_NEEDS.embed];
const NEW_THREAD = [BOT_NEEDS.view, BOT_NEEDS.createThread, BOT_NEEDS.postInThread, BOT_NEEDS.embed];

/**
 * The channel the moderator named, else the one the command ran in. A thread is posted into; a
 * text or announcement channel gets a new thread. The bot's permissions are checked first, so a
 * missing one is reported before an empty thread is left behind.
 */
export async function findTarget(
  client: Client<true>,
  interaction: ChatInputCommandInteraction,
  plan: ThreadPlan,
): Promise<Target> {
  const id = plan.channel ?? interaction.channelId;
  const channel =
    interaction.options.resolved?.channels?.get(id) ??
    client.channels.cache.get(id) ??
    (await client.channels.fetch(id).catch(() => null));
  if (!channel || !("type" in channel))
    return { kind: "problem", message: `The bot cannot see ${link(id)}. Nothing was posted.` };

  const thread =
    channel.type === ChannelType.PublicThread ||
    channel.type === ChannelType.PrivateThread ||
    channel.type === ChannelType.AnnouncementThread;
  const textual = channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
  if (!thread && !textual)
    return {
      kind: "problem",
      message:
        "/article post works in a text or announcement channel (it starts a thread there) or inside a thread. Run it there, or name a channel with channel:. Nothing was posted.",
    };

  const needs = thread ? IN_THREAD : NEW_THREAD;
  const has = botPermissions(client, interaction, channel);
  const lacking = has ? missing(has, needs) : [];
  if (lacking.length > 0) return { kind: "problem", message: botCannot(id, lacking) };
  return thread
    ? { kind: "thread", id, needs }
    : {
        kind: "channel",
        id,
        type:
          channel.type === ChannelType.GuildAnnouncement
            ? ChannelType.GuildAnnouncement
            : ChannelType.GuildText,
        needs,
      };
}

/**
 * Discord computes the bot's permissions where the command runs (app_permissions); elsewhere they
 * are computed from the cached roles and overwrites. Null when unknown: Discord will say.
 */
function botPermissions(
  client: Client<true>,
  interaction: ChatInputCommandInteraction,
  channel: Channel | { id: string; appPermissions?: unknown },
): Readonly<PermissionsBitField> | null {
  if (channel.id === interaction.channelId) return interaction.appPermissions;
  if ("appPermissions" in channel && channel.appPermissions instanceof PermissionsBitField)
    return channel.appPermissions;
  return "permissionsFor" in channel ? channel.permissionsFor(client.user) : null;
}
