/** The few Discord numbers the fake needs, named as Discord's docs name them. */

export const ChannelType = {
  GUILD_TEXT: 0,
  GUILD_VOICE: 2,
  GUILD_ANNOUNCEMENT: 5,
  ANNOUNCEMENT_THREAD: 10,
  PUBLIC_THREAD: 11,
  PRIVATE_THREAD: 12,
  GUILD_FORUM: 15,
} as const;

export const THREAD_TYPES: readonly number[] = [
  ChannelType.ANNOUNCEMENT_THREAD,
  ChannelType.PUBLIC_THREAD,
  ChannelType.PRIVATE_THREAD,
];

export const InteractionType = {
  APPLICATION_COMMAND: 2,
  MESSAGE_COMPONENT: 3,
  APPLICATION_COMMAND_AUTOCOMPLETE: 4,
} as const;

export const CallbackType = {
  CHANNEL_MESSAGE_WITH_SOURCE: 4,
  DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: 5,
  DEFERRED_UPDATE_MESSAGE: 6,
  UPDATE_MESSAGE: 7,
  AUTOCOMPLETE_RESULT: 8,
} as const;

export const OptionType = {
  SUB_COMMAND: 1,
  STRING: 3,
  INTEGER: 4,
  BOOLEAN: 5,
  CHANNEL: 7,
  NUMBER: 10,
} as const;

export const MessageFlag = { EPHEMERAL: 1 << 6 } as const;

export const Intent = { GUILDS: 1 << 0 } as const;
/** Guild Members, Guild Presences, Message Content: a bot must be approved for these. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export const Permission = {
  ADMINISTRATOR: 1n << 3n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  MANAGE_THREADS: 1n << 34n,
  CREATE_PUBLIC_THREADS: 1n << 35n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
} as const;

/** Every permission bit Discord defines today (an administrator has them all). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** Discord's JSON error codes the fake answers with. */
export const ErrorCode = {
  GENERAL: 0,
  UNKNOWN_CHANNEL: 10003,
  UNKNOWN_MESSAGE: 10008,
  UNKNOWN_WEBHOOK: 10015,
  UNKNOWN_APPLICATION_COMMAND: 10063,
  UNKNOWN_INTERACTION: 10062,
  ALREADY_ACKNOWLEDGED: 40060,
  MISSING_ACCESS: 50001,
  CANNOT_SEND_EMPTY_MESSAGE: 50006,
  MISSING_PERMISSIONS: 50013,
  WRONG_CHANNEL_TYPE: 50024,
  INVALID_FORM_BODY: 50035,
} as const;

/** Gateway opcodes and close codes. */
export const Op = {
  DISPATCH: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  PRESENCE_UPDATE: 3,
  RESUME: 6,
  RECONNECT: 7,
  INVALID_SESSION: 9,
  HELLO: 10,
  HEARTBEAT_ACK: 11,
} as const;

export const Close = {
  UNKNOWN_ERROR: 4000,
  DECODE_ERROR: 4002,
  AUTHENTICATION_FAILED: 4004,
  INVALID_SHARD: 4010,
  SHARDING_REQUIRED: 4011,
  INVALID_API_VERSION: 4012,
  DISALLOWED_INTENTS: 4014,
} as const;
