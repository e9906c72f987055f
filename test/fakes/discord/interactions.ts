import { InteractionType, OptionType } from "./constants.js";
import type { DiscordState, Persona, StoredCommand } from "./state.js";

/** How a test describes what a person does in Discord's client. */
export interface InteractSpec {
  command: string;
  subcommand?: string;
  /** Option values as the member picked them; a channel option takes the channel's id. */
  options?: Record<string, string | number | boolean>;
  /** Who runs it (default: a member without moderator permissions). */
  as?: Persona;
  /** Someone else with the persona's roles: this user id (and a username made from it). */
  userId?: string;
  /** Where it runs (default: #general). */
  channelId?: string;
  /** Autocomplete: the option being typed (its partial value is in `options`). */
  focused?: string;
  /**
   * The member lacks the command's default_member_permissions, but a server admin let them use it
   * (Server Settings → Integrations). Without this the fake refuses, as Discord's client would.
   */
  overridden?: boolean;
  /** The member's permissions in each channel option, when they differ from their guild-wide ones. */
  channelPermissions?: Record<string, bigint>;
  /**
   * The member's permissions where the command runs, when a channel overwrite changes them
   * (Discord sends member.permissions with the overwrites applied).
   */
  memberPermissions?: bigint;
  /**
   * Sent by a modified client: option values skip the checks Discord's client makes (choices,
   * max_length), so a test can see the bot survive what it should never receive.
   */
  unchecked?: boolean;
}

/** One interaction and everything the bot did with it, as the fake saw it. */
export interface InteractionRecord {
  id: string;
  token: string;
  kind: "command" | "autocomplete" | "component";
  spec: InteractSpec;
  /** A button press: the interaction whose message carries the button (see components.ts). */
  source?: InteractionRecord;
  payload: Record<string, unknown>;
  /** The gateway shard whose connection INTERACTION_CREATE was sent on (its guild's). */
  shard?: number;
  /** performance.now() when INTERACTION_CREATE was sent. */
  dispatchedAt: number;
  /** The callback Discord accepted: its type, data, and when it arrived. */
  response?: { type: number; data: Record<string, unknown> | undefined; at: number };
  /** How many callbacks the bot sent (Discord accepts one). */
  callbacks: number;
  /** The original response message as it now stands (after any edits). */
  original?: Record<string, unknown>;
  edits: Record<string, unknown>[];
  followUps: Record<string, unknown>[];
}

/** Finds the registered command (guild first, as Discord's client shows them) or says what is wrong. */
export function findCommand(state: DiscordState, name: string): StoredCommand {
  for (const scope of [state.guildId, "global"]) {
    const found = [...state.commandsIn(scope).values()].find((c) => c.name === name);
    if (found) return found;
  }
  throw new Error(`/${name} is not registered with the fake Discord: register the commands first`);
}

interface OptionShape {
  type: number;
  name: string;
  required?: boolean;
  choices?: { value: unknown }[];
  max_length?: number;
  options?: OptionShape[];
}

/**
 * The INTERACTION_CREATE payload Discord would send for `spec`, checked against the registered
 * command the way Discord's client enforces it: known options, choices, max_length, required
 * options, and default_member_permissions.
 */
export function buildInteraction(
  state: DiscordState,
  spec: InteractSpec,
  ids: { id: string; token: string },
): Record<string, unknown> {
  const persona = spec.as ?? "member";
  const command = findCommand(state, spec.command);
  const memberPermissions = state.permissionsOf(persona);
  const needed = command.default_member_permissions;
  if (
    typeof needed === "string" &&
    (memberPermissions & BigInt(needed)) !== BigInt(needed) &&
    !spec.overridden
  )
    throw new Error(
      `Discord would not offer /${spec.command} to a ${persona} (default_member_permissions ${needed}); pass overridden: true to model an admin override`,
    );

  const channel = state.channels.get(spec.channelId ?? state.ids.general);
  if (!channel) throw new Error(`no channel ${spec.channelId} in the fake guild`);

  const declared = (command.options ?? []) as OptionShape[];
  const sub = spec.subcommand
    ? declared.find((o) => o.type === OptionType.SUB_COMMAND && o.name === spec.subcommand)
    : undefined;
  if (spec.subcommand && !sub) throw new Error(`/${spec.command} has no subcommand ${spec.subcommand}`);
  const leaves = sub ? (sub.options ?? []) : declared;
  const resolvedChannels: Record<string, unknown> = {};
  const values = Object.entries(spec.options ?? {}).map(([name, value]) => {
    const def = leaves.find((o) => o.name === name);
    if (!def) throw new Error(`/${spec.command} has no option ${name}`);
    const focused = spec.focused === name;
    checkValue(spec.command, def, value, focused || spec.unchecked === true);
    if (def.type === OptionType.CHANNEL) {
      const target = state.channels.get(String(value));
      if (!target) throw new Error(`no channel ${String(value)} in the fake guild`);
      resolvedChannels[target.id] = {
        ...pick(state.channelJson(target)),
        permissions: (spec.channelPermissions?.[target.id] ?? memberPermissions).toString(),
      };
    }
    return { name, type: def.type, value, ...(focused ? { focused: true } : {}) };
  });
  for (const def of leaves)
    if (def.required && !(def.name in (spec.options ?? {})) && !spec.focused)
      throw new Error(`/${spec.command} needs option ${def.name}`);

  const options = sub ? [{ name: sub.name, type: OptionType.SUB_COMMAND, options: values }] : values;
  return {
    id: ids.id,
    application_id: state.applicationId,
    type: spec.focused
      ? InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
      : InteractionType.APPLICATION_COMMAND,
    token: ids.token,
    version: 1,
    data: {
      id: command.id,
      name: command.name,
      type: 1,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      options,
      ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
    },
    ...inGuild(
      state,
      channel,
      asUser(state.memberJson(persona, spec.memberPermissions ?? memberPermissions), spec.userId),
    ),
  };
}

/** What every guild interaction carries about where it happened and who sent it. */
export function inGuild(
  state: DiscordState,
  channel: Parameters<DiscordState["channelJson"]>[0],
  member: Record<string, unknown>,
): Record<string, unknown> {
  return {
    guild_id: channel.guild_id,
    guild: { id: channel.guild_id, locale: "en-US", features: [] },
    channel_id: channel.id,
    channel: pick(state.channelJson(channel)),
    member,
    app_permissions: state.botPermissionsIn(channel.id).toString(),
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": channel.guild_id },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

/** The member as someone else with the same roles, when `userId` is given. */
export function asUser(member: Record<string, unknown>, userId: string | undefined): Record<string, unknown> {
  if (userId === undefined) return member;
  const user = member.user as Record<string, unknown>;
  return { ...member, user: { ...user, id: userId, username: `user${userId.slice(-6)}`, global_name: null } };
}

/** The fields of a partial channel that interactions carry. */
export function pick(channel: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    "id",
    "type",
    "name",
    "guild_id",
    "parent_id",
    "position",
    "flags",
    "last_message_id",
    "rate_limit_per_user",
    "nsfw",
    "topic",
    "thread_metadata",
    "owner_id",
  ];
  return Object.fromEntries(Object.entries(channel).filter(([k]) => keys.includes(k)));
}

function checkValue(command: string, def: OptionShape, value: unknown, typeOnly: boolean): void {
  const expected: Record<number, string> = {
    [OptionType.STRING]: "string",
    [OptionType.BOOLEAN]: "boolean",
    [OptionType.CHANNEL]: "string",
    [OptionType.INTEGER]: "number",
    [OptionType.NUMBER]: "number",
  };
  if (typeof value !== expected[def.type])
    throw new Error(
      `/${command} option ${def.name} takes a ${expected[def.type] ?? `type ${def.type}`}, not ${typeof value}`,
    );
  if (typeOnly) return;
  if (def.choices && !def.choices.some((c) => c.value === value))
    throw new Error(`/${command} option ${def.name} must be one of its choices, not ${String(value)}`);
  if (typeof value === "string" && def.max_length !== undefined && value.length > def.max_length)
    throw new Error(`Discord's client would not send ${def.name} longer than ${def.max_length} characters`);
}
