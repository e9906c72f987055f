/**
 * A slash command made neutral: command, subcommand, the raw option values (a channel option is
 * its id), who asked, and whether they are a moderator. The command's own schema validates the
 * options; nothing here decides what they mean.
 */
import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from "discord.js";
import type { Invocation } from "../../core/invocation.js";
import { isModerator } from "./access.js";

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
