/**
 * Discord's slash commands, all in one place: the payloads generated from the command definitions
 * (the same data the handlers validate with), the sync that makes Discord's set match them, and
 * `npm run register`'s entry point and its error messages.
 */
import {
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  DiscordAPIError,
  InteractionContextType,
  REST,
  RESTJSONErrorCodes,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from "discord.js";
import type { Command, OptionDef } from "../../core/command.js";
import { MODERATOR } from "./access.js";
import type { DiscordSettings } from "./settings.js";

/** `npm run register`: the command definitions synced to the server in DISCORD_GUILD_ID, else globally. */
export function registerCommands(config: DiscordSettings, commands: readonly Command[]): Promise<SyncResult> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  return syncCommands(
    rest,
    { applicationId: config.applicationId, guildId: config.guildId },
    commandPayloads(commands),
  );
}

/**
 * DISCORD_INTERACTIONS_URL: tells Discord to send interactions to the bot's HTTP endpoint
 * (PATCH /applications/@me). Discord checks the URL at once with a PING and a badly signed request,
 * so the bot must already be running there with DISCORD_PUBLIC_KEY.
 */
export async function setInteractionsUrl(config: DiscordSettings, url: string): Promise<void> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  await rest.patch(Routes.currentApplication(), { body: { interactions_endpoint_url: url } });
}

/** What went wrong, and what to do about it, for the person running `npm run register`. */
export function registerProblem(error: unknown, config: DiscordSettings): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return "Discord rejected DISCORD_TOKEN (401 Unauthorized). Reset the token in the Developer Portal → your app → Bot, and put the new one in .env.";
    if (error.code === RESTJSONErrorCodes.MissingAccess && config.guildId)
      return `Discord refused access to server ${config.guildId} (Missing Access). Add the bot to that server with the link from npm run invite (it includes the applications.commands scope), or check DISCORD_GUILD_ID.`;
    if (error.code === RESTJSONErrorCodes.UnknownApplication || error.status === 404)
      return `Discord does not know application ${config.applicationId}. Check DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID).`;
    return `Discord refused the commands: ${error.message}`;
  }
  return `Could not reach Discord at ${config.apiUrl}: ${error instanceof Error ? error.message : String(error)}`;
}

export type CommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Discord registration generated from the command definitions, the same data the handlers
 * validate with. `/article post` is command "article" with a subcommand option "post". A command
 * whose every subcommand is for moderators is hidden from members by default (Manage Threads);
 * the core checks again, because server admins can change who may use a command.
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
        ...(o.complete || o.completes ? { autocomplete: true } : {}),
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

export interface SyncTarget {
  applicationId: string;
  /** Guild commands (instant, one server) when set; global commands otherwise. */
  guildId?: string | undefined;
}

export interface SyncResult {
  created: string[];
  /** Each changed command with the fields that differ. */
  changed: { name: string; fields: string[] }[];
  removed: string[];
  unchanged: string[];
}

/**
 * Makes Discord's commands match `wanted`: reads what is registered, compares, and only when
 * something differs overwrites the set in one request (Discord keeps the ids of commands whose
 * names stay). When everything matches, nothing is written.
 */
export async function syncCommands(
  rest: REST,
  target: SyncTarget,
  wanted: readonly CommandPayload[],
): Promise<SyncResult> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const existing = (await rest.get(route)) as APIApplicationCommand[];
  const result = diff(existing, wanted);
  if (result.created.length + result.changed.length + result.removed.length > 0)
    await rest.put(route, { body: wanted });
  return result;
}

export function diff(
  existing: readonly APIApplicationCommand[],
  wanted: readonly CommandPayload[],
): SyncResult {
  const result: SyncResult = { created: [], changed: [], removed: [], unchanged: [] };
  for (const w of wanted) {
    const e = existing.find((c) => c.name === w.name);
    if (!e) {
      result.created.push(w.name);
      continue;
    }
    const have = normalize(e);
    const want = normalize(w);
    const fields = Object.keys(want).filter((k) => JSON.stringify(have[k]) !== JSON.stringify(want[k]));
    if (fields.length > 0) result.changed.push({ name: w.name, fields });
    else result.unchanged.push(w.name);
  }
  result.removed = existing.filter((e) => !wanted.some((w) => w.name === e.name)).map((e) => e.name);
  return result;
}

type Loose = Record<string, unknown>;

/**
 * The fields we set, with Discord's defaults filled in, so a command that Discord echoes back with
 * `required: false` omitted (or a permission as a string) compares equal to what we send.
 */
function normalize(command: object): Loose {
  const c = command as Loose;
  return {
    type: c.type ?? 1,
    description: c.description ?? "",
    options: normalizeOptions(c.options),
    default_member_permissions:
      c.default_member_permissions == null ? null : String(c.default_member_permissions),
    contexts: sorted(c.contexts),
    integration_types: sorted(c.integration_types),
    nsfw: c.nsfw ?? false,
  };
}

function normalizeOptions(options: unknown): Loose[] {
  if (!Array.isArray(options)) return [];
  return options.map((option: Loose) => ({
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    max_length: option.max_length ?? null,
    min_length: option.min_length ?? null,
    choices: Array.isArray(option.choices)
      ? option.choices.map((ch: Loose) => ({ name: ch.name, value: ch.value }))
      : [],
    channel_types: sorted(option.channel_types),
    options: normalizeOptions(option.options),
  }));
}

const sorted = (list: unknown): unknown[] | null =>
  Array.isArray(list) ? [...list].sort((a, b) => Number(a) - Number(b)) : null;
