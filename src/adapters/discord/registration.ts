import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Command, OptionDef } from "../../core/command.js";
import { MODERATOR } from "./access.js";

export type CommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Discord registration generated from the command definitions, the same data the handlers
 * validate with. `/article post` is command "article" with a subcommand option "post". A command
 * whose every subcommand is for moderators is hidden from members by default (Manage Threads);
 * the handler checks again, because server admins can change who may use a command.
 */
export function commandPayloads(commands: readonly Command[]): CommandPayload[] {
  const names = [...new Set(commands.map((c) => c.name))];
  return names.map((name) => {
    const group = commands.filter((c) => c.name === name);
    const moderatorsOnly = group.every((c) => c.access === "moderator");
    const subcommands = group.filter((c) => c.subcommand);
    const single = subcommands.length === 0 ? group[0] : undefined;
    return {
      type: ApplicationCommandType.ChatInput,
      name,
      description: single?.description ?? topDescription(subcommands),
      options: single ? options(single) : subcommands.map(subcommand),
      default_member_permissions: moderatorsOnly ? MODERATOR.flag.toString() : null,
      // Commands work in servers only: threads, channels and moderators are server things.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    };
  });
}

function topDescription(subcommands: readonly Command[]): string {
  if (subcommands.length === 1) return subcommands[0]?.description ?? "";
  return subcommands.map((c) => c.subcommand).join(", ");
}

const subcommand = (c: Command): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  name: c.subcommand ?? "",
  description: c.description,
  options: options(c),
});

/** Discord wants required options before optional ones. */
function options(c: Command): APIApplicationCommandBasicOption[] {
  return Object.entries(c.options)
    .sort(([, a], [, b]) => Number(b.required) - Number(a.required))
    .map(([name, o]) => option(name, o));
}

function option(name: string, o: OptionDef): APIApplicationCommandBasicOption {
  const base = { name, description: o.description, required: o.required };
  switch (o.kind) {
    case "text":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.maxLength === undefined ? {} : { max_length: o.maxLength }),
        ...(o.complete ? { autocomplete: true } : {}),
      };
    case "choice":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (o.choices ?? []).map((c) => ({ name: c, value: c })),
      };
    case "flag":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "channel":
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      };
  }
}
