/**
 * Who may do what on Discord: who counts as a moderator (the core asks through the Invocation), and
 * the permissions the bot itself needs in a channel, for the invite link and /article post.
 */
import { type ChatInputCommandInteraction, PermissionFlagsBits, PermissionsBitField } from "discord.js";

export interface NamedPermission {
  flag: bigint;
  /** As the Discord client's role settings name it. */
  name: string;
  why: string;
}

/** Who counts as a moderator: registration default and the handler's own check both use this. */
export const MODERATOR: NamedPermission = {
  flag: PermissionFlagsBits.ManageThreads,
  name: "Manage Threads",
  why: "moderators run /article post",
};

/**
 * Everything the bot needs in a channel, and nothing more. Answers to slash commands go through
 * the interaction webhook and need no channel permission; only /article post acts in channels.
 */
export const BOT_NEEDS = {
  view: {
    flag: PermissionFlagsBits.ViewChannel,
    name: "View Channel",
    why: "see the channel /article post creates its thread in",
  },
  createThread: {
    flag: PermissionFlagsBits.CreatePublicThreads,
    name: "Create Public Threads",
    why: "start the discussion thread",
  },
  postInThread: {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: "Send Messages in Threads",
    why: "post the article in the thread (Send Messages does not cover threads)",
  },
  embed: {
    flag: PermissionFlagsBits.EmbedLinks,
    name: "Embed Links",
    why: "show the thread's header card (an embed)",
  },
  readHistory: {
    flag: PermissionFlagsBits.ReadMessageHistory,
    name: "Read Message History",
    why: "see which parts are already in a thread, so running /article post again posts only what is missing",
  },
} satisfies Record<string, NamedPermission>;

export const BOT_PERMISSIONS: readonly NamedPermission[] = Object.values(BOT_NEEDS);

/** The permission integer for the invite link. */
export const botPermissionBits = (): bigint => BOT_PERMISSIONS.reduce((bits, p) => bits | p.flag, 0n);

/** Names of the permissions in `needed` that `has` lacks (Administrator implies all). */
export const missing = (has: Readonly<PermissionsBitField>, needed: readonly NamedPermission[]): string[] =>
  needed.filter((p) => !has.has(p.flag)).map((p) => p.name);

/**
 * The link a server admin opens to add the bot: the bot user plus slash commands, with exactly the
 * permissions above (guild install).
 */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: "bot applications.commands",
    permissions: botPermissionBits().toString(),
    integration_type: "0",
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

/**
 * The core asks for moderator commands whatever the registration says, because a server admin
 * can let anyone run a command. Manage Threads where the command runs (Discord computes it,
 * overwrites included) and in any channel the command names, so a moderator of one channel cannot
 * post into another.
 */
export function isModerator(interaction: ChatInputCommandInteraction): boolean {
  if (!interaction.memberPermissions?.has(MODERATOR.flag)) return false;
  const named = [...(interaction.options.resolved?.channels?.values() ?? [])];
  return named.every((channel) => {
    // Discord sends the member's permissions with every channel option; without them (never seen)
    // the check where the command runs stands alone.
    const permissions = channel && "permissions" in channel ? channel.permissions : null;
    if (permissions === null || permissions === undefined) return true;
    const bits = typeof permissions === "string" ? new PermissionsBitField(BigInt(permissions)) : permissions;
    return bits.has(MODERATOR.flag);
  });
}
