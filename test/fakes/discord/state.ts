import { ALL_PERMISSIONS, ChannelType, Permission, THREAD_TYPES } from "./constants.js";
import { snowflakes } from "./ids.js";
import { type ShardKey, shardOf } from "./shards.js";

/**
 * What the fake Discord knows: one application and its bot user, one guild with roles, channels,
 * an existing thread and three people (a member, a moderator, an admin), the messages posted, and
 * the registered commands. Permissions are computed the way Discord computes them (roles, then a
 * channel's overwrites for the bot), so app_permissions and 403s agree with what discord.js sees.
 */
export interface User {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface Role {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface Channel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  parent_id: string | null;
  position: number;
  /** Bits denied to the bot in this channel (a member overwrite). */
  botDenied: bigint;
  owner_id?: string;
  archived?: boolean;
  locked?: boolean;
  auto_archive_duration?: number;
  created_at: string;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  /** The body as the bot sent it. */
  body: Record<string, unknown>;
  author: User;
  timestamp: string;
}

export interface StoredCommand extends Record<string, unknown> {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  name: string;
}

export type Persona = "member" | "moderator" | "admin";

/** What @everyone can do in the fake guild: read, talk, use commands, join threads. */
const EVERYONE =
  Permission.VIEW_CHANNEL |
  Permission.SEND_MESSAGES |
  Permission.ADD_REACTIONS |
  Permission.EMBED_LINKS |
  Permission.READ_MESSAGE_HISTORY |
  Permission.USE_APPLICATION_COMMANDS |
  Permission.SEND_MESSAGES_IN_THREADS |
  Permission.CREATE_PUBLIC_THREADS;

export interface StateOptions {
  applicationId?: string;
  /** The bot role's permissions (default: what the bot needs; the invite link grants these). */
  botPermissions?: bigint;
}

export class DiscordState {
  readonly newId = snowflakes();
  readonly applicationId: string;
  readonly botUser: User;
  readonly guildId: string;
  readonly roles: Role[];
  readonly people: Record<Persona, User>;
  readonly channels = new Map<string, Channel>();
  readonly messages = new Map<string, StoredMessage[]>();
  /** Global commands under "global", guild commands under the guild id. */
  readonly commands = new Map<string, Map<string, StoredCommand>>();
  /** The first guild, then those addGuild() added. */
  readonly guildIds: string[];
  /** The ids of the guild's text channel, announcement channel, voice channel and existing thread. */
  readonly ids: { general: string; news: string; voice: string; thread: string };
  readonly createdAt = new Date().toISOString();

  constructor(options: StateOptions = {}) {
    this.applicationId = options.applicationId ?? this.newId();
    this.botUser = user(this.applicationId, "Article Bot", true);
    this.guildId = this.newId();
    this.guildIds = [this.guildId];
    const moderators = this.newId();
    const admins = this.newId();
    this.roles = [
      { id: this.guildId, name: "@everyone", permissions: EVERYONE, position: 0, managed: false },
      {
        id: moderators,
        name: "Moderators",
        permissions: Permission.MANAGE_THREADS | Permission.MANAGE_MESSAGES,
        position: 1,
        managed: false,
      },
      { id: admins, name: "Admins", permissions: Permission.ADMINISTRATOR, position: 2, managed: false },
      {
        id: this.newId(),
        name: "Article Bot",
        permissions:
          options.botPermissions ??
          Permission.VIEW_CHANNEL |
            Permission.CREATE_PUBLIC_THREADS |
            Permission.SEND_MESSAGES_IN_THREADS |
            Permission.EMBED_LINKS |
            Permission.READ_MESSAGE_HISTORY,
        position: 3,
        managed: true,
      },
    ];
    this.people = {
      member: user(this.newId(), "member"),
      moderator: user(this.newId(), "moderator"),
      admin: user(this.newId(), "admin"),
    };
    this.memberRoles = { member: [], moderator: [moderators], admin: [admins] };
    const general = this.addChannel(ChannelType.GUILD_TEXT, "general", null);
    const news = this.addChannel(ChannelType.GUILD_ANNOUNCEMENT, "news", null);
    const voice = this.addChannel(ChannelType.GUILD_VOICE, "voice", null);
    const thread = this.addChannel(
      ChannelType.PUBLIC_THREAD,
      "Existing discussion",
      general.id,
      this.people.moderator.id,
    );
    this.ids = { general: general.id, news: news.id, voice: voice.id, thread: thread.id };
  }

  private readonly memberRoles: Record<Persona, string[]>;

  rolesOf(persona: Persona): string[] {
    return this.memberRoles[persona];
  }

  /**
   * Another guild like the first (its roles, people and permissions) with one text channel, on
   * shard `on.id` of `on.count` when given; returns its id and its channel's.
   */
  addGuild(on?: ShardKey): { guildId: string; general: string } {
    let id = BigInt(this.newId());
    // A snowflake's shard is its timestamp part modulo the count: move it that many milliseconds on.
    if (on) id += BigInt((on.id - shardOf(id.toString(), on.count) + on.count) % on.count) << 22n;
    const guildId = id.toString();
    this.guildIds.push(guildId);
    return {
      guildId,
      general: this.addChannel(ChannelType.GUILD_TEXT, "general", null, undefined, guildId).id,
    };
  }

  addChannel(
    type: number,
    name: string,
    parentId: string | null,
    ownerId?: string,
    guildId?: string,
  ): Channel {
    const channel: Channel = {
      id: this.newId(),
      type,
      name,
      guild_id: guildId ?? (parentId ? this.channels.get(parentId)?.guild_id : undefined) ?? this.guildId,
      parent_id: parentId,
      position: this.channels.size,
      botDenied: 0n,
      created_at: new Date().toISOString(),
      ...(THREAD_TYPES.includes(type)
        ? {
            owner_id: ownerId ?? this.botUser.id,
            archived: false,
            locked: false,
            auto_archive_duration: 10080,
          }
        : {}),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  isThread = (channel: Channel): boolean => THREAD_TYPES.includes(channel.type);

  /** Guild-wide permissions of a persona (an admin has every permission). */
  permissionsOf(persona: Persona): bigint {
    return this.fromRoles([this.guildId, ...this.memberRoles[persona]]);
  }

  /** The bot's permissions in a channel: its roles, less what the channel (or a thread's parent) denies it. */
  botPermissionsIn(channelId: string): bigint {
    const base = this.fromRoles(
      this.roles.filter((r) => r.managed || r.id === this.guildId).map((r) => r.id),
    );
    if (base === ALL_PERMISSIONS) return base;
    const channel = this.channels.get(channelId);
    const parent = channel?.parent_id ? this.channels.get(channel.parent_id) : undefined;
    const denied = (channel?.botDenied ?? 0n) | (parent?.botDenied ?? 0n);
    return base & ~denied;
  }

  private fromRoles(ids: readonly string[]): bigint {
    const bits = this.roles.filter((r) => ids.includes(r.id)).reduce((b, r) => b | r.permissions, 0n);
    return bits & Permission.ADMINISTRATOR ? ALL_PERMISSIONS : bits;
  }

  /** A channel or thread as Discord serializes it. */
  channelJson(channel: Channel): Record<string, unknown> {
    const base = {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      guild_id: channel.guild_id,
      parent_id: channel.parent_id,
      position: channel.position,
      flags: 0,
      last_message_id: this.messages.get(channel.id)?.at(-1)?.id ?? null,
      rate_limit_per_user: 0,
      nsfw: false,
    };
    if (this.isThread(channel))
      return {
        ...base,
        owner_id: channel.owner_id,
        message_count: this.messages.get(channel.id)?.length ?? 0,
        total_message_sent: this.messages.get(channel.id)?.length ?? 0,
        member_count: 1,
        thread_metadata: {
          archived: channel.archived ?? false,
          auto_archive_duration: channel.auto_archive_duration ?? 10080,
          archive_timestamp: channel.created_at,
          locked: channel.locked ?? false,
          create_timestamp: channel.created_at,
        },
      };
    return {
      ...base,
      topic: null,
      default_auto_archive_duration: 1440,
      permission_overwrites:
        channel.botDenied === 0n
          ? []
          : [{ id: this.botUser.id, type: 1, allow: "0", deny: channel.botDenied.toString() }],
    };
  }

  roleJson(role: Role): Record<string, unknown> {
    return {
      id: role.id,
      name: role.name,
      permissions: role.permissions.toString(),
      position: role.position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: role.managed,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
      ...(role.managed ? { tags: { bot_id: this.botUser.id } } : {}),
    };
  }

  memberJson(persona: Persona | "bot", permissions?: bigint): Record<string, unknown> {
    const roles =
      persona === "bot" ? this.roles.filter((r) => r.managed).map((r) => r.id) : this.memberRoles[persona];
    return {
      user: persona === "bot" ? this.botUser : this.people[persona],
      roles,
      nick: null,
      avatar: null,
      banner: null,
      joined_at: this.createdAt,
      premium_since: null,
      deaf: false,
      mute: false,
      pending: false,
      flags: 0,
      communication_disabled_until: null,
      ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
    };
  }

  /** The GUILD_CREATE payload: what a bot with the Guilds intent learns about the guild. */
  guildCreate(guildId = this.guildId): Record<string, unknown> {
    const all = [...this.channels.values()].filter((c) => c.guild_id === guildId);
    // Every guild's @everyone role has the guild's id.
    const roles = this.roles.map((r) => (r.id === this.guildId ? { ...r, id: guildId } : r));
    return {
      id: guildId,
      name: "Article Club",
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.people.admin.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: "en-US",
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      application_id: null,
      features: [],
      max_members: 500_000,
      max_video_channel_users: 25,
      premium_progress_bar_enabled: false,
      roles: roles.map((r) => this.roleJson(r)),
      emojis: [],
      stickers: [],
      joined_at: this.createdAt,
      large: false,
      unavailable: false,
      member_count: 4,
      voice_states: [],
      members: [this.memberJson("bot")],
      channels: all.filter((c) => !this.isThread(c)).map((c) => this.channelJson(c)),
      threads: all.filter((c) => this.isThread(c) && !c.archived).map((c) => this.channelJson(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  commandsIn(scope: string): Map<string, StoredCommand> {
    let commands = this.commands.get(scope);
    if (!commands) {
      commands = new Map();
      this.commands.set(scope, commands);
    }
    return commands;
  }

  /** A command as Discord returns it: the body with its ids, version and defaults. */
  storeCommand(scope: string, body: Record<string, unknown>, existing?: StoredCommand): StoredCommand {
    const command: StoredCommand = {
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...body,
      id: existing?.id ?? this.newId(),
      application_id: this.applicationId,
      ...(scope === "global" ? {} : { guild_id: scope }),
      version: this.newId(),
      name: String(body.name ?? existing?.name),
    };
    if (typeof command.default_member_permissions === "number")
      command.default_member_permissions = String(command.default_member_permissions);
    this.commandsIn(scope).set(command.id, command);
    return command;
  }

  messageJson(m: StoredMessage): Record<string, unknown> {
    return {
      id: m.id,
      channel_id: m.channel_id,
      author: m.author,
      content: m.body.content ?? "",
      embeds: m.body.embeds ?? [],
      timestamp: m.timestamp,
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      components: [],
      pinned: false,
      type: 0,
      flags: Number(m.body.flags ?? 0),
      ...(typeof m.body.nonce === "string" ? { nonce: m.body.nonce } : {}),
    };
  }
}

function user(id: string, username: string, bot = false): User {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: "0",
    avatar: null,
    ...(bot ? { bot } : {}),
  };
}
