/** Autocomplete on Discord: the suggestions the core's search gives, within Discord's choice limits. */
import type { AutocompleteInteraction } from "discord.js";
import { type Bot, complete } from "../../core/answer.js";
import { LIMITS } from "./render/limits.js";
import { whereOf } from "./where.js";

/**
 * Suggestions as the member types, from the same search the command uses: at most 25, each name
 * and value at most 100 characters (longer ones are left out: a cut value would not match).
 */
export async function suggest(bot: Bot, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = {
    name: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false) ?? undefined,
  };
  const chosen = focused.name === "article" ? undefined : interaction.options.getString("article");
  const names = await complete(bot, {
    command,
    option: focused.name,
    typed: String(focused.value),
    article: chosen ?? undefined,
    at: { platform: "discord", where: whereOf(interaction) },
  });
  const choices = [...new Set(names)]
    .filter((n) => n.trim() !== "" && n.length <= LIMITS.choiceName)
    .slice(0, LIMITS.autocompleteChoices)
    .map((n) => ({ name: n, value: n }));
  await interaction.respond(choices);
}
