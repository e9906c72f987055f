import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  PermissionsBitField,
} from "discord.js";
import type { Invocation } from "../../core/invocation.js";
import { MODERATOR } from "./access.js";

/**
 * A slash command made neutral: command, subcommand, the raw option values (a channel option is
 * its id), who asked, and whether they are a moderator. The command's own schema validates the
 * options; nothing here decides what they mean.
 */
export function toInvocation(interaction: ChatInputCommandInteraction): Invocation {
  const top = interaction.options.data;
  const sub = top.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const leaves: readonly CommandInteractionOption[] = sub ? (sub.options ?? []) : top;
  return {
    command: interaction.commandName,
    subcommand: sub?.name,
    options: Object.fromEntries(leaves.map((o) => [o.name, o.value])),
    user: { id: interaction.user.id, name: interaction.user.username },
    isModerator: () => isModerator(interaction),
    platform: "discord",
  };
}

/**
 * Checked here whatever the registration says, because a server admin can let anyone run a
 * command. Manage Threads where the command runs (Discord computes it, overwrites included) and in
 * any channel the command names, so a moderator of one channel cannot post into another.
 */
function isModerator(interaction: ChatInputCommandInteraction): boolean {
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
