import { CallbackType, ChannelType, ErrorCode, Permission } from "./constants.js";
import type { Gateway } from "./gateway.js";
import type { InteractionRecord } from "./interactions.js";
import type { Channel, DiscordState, StoredCommand, StoredMessage } from "./state.js";

/**
 * The REST routes the bot (and discord.js on its behalf) uses, answering with Discord's shapes,
 * status codes and error codes. Bodies arrive here already validated.
 */
export interface Core {
  state: DiscordState;
  gateway: Gateway;
  interactions: Map<string, InteractionRecord>;
  deadlineMs: number;
  gatewayUrl: () => string;
  /** Something Discord would refuse that a correct bot never does: the test fails on it. */
  problem: (kind: string, detail: string) => void;
}

export interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** performance.now() when the request arrived. */
  now: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** "POST /channels/:channel/messages": the key faults and validators use. */
  template: string;
  /** Bot-token routes; interaction callbacks and webhooks are authorized by their token instead. */
  auth: boolean;
  handle: (core: Core, req: Request) => Reply;
}

const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });
const json = (body: unknown, status = 200): Reply => ({ status, body });
const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};

const route = (template: string, auth: boolean, handle: Route["handle"]): Route => ({
  method: template.split(" ")[0] ?? "GET",
  template,
  auth,
  handle,
});

export const ROUTES: Route[] = [
  route("GET /gateway/bot", true, (core) =>
    json({
      url: core.gatewayUrl(),
      shards: core.gateway.shardCount,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: core.gateway.maxConcurrency,
      },
    }),
  ),
  route("GET /gateway", false, (core) => json({ url: core.gatewayUrl() })),
  route("GET /users/@me", true, (core) => json(core.state.botUser)),

  route("POST /interactions/:interaction/:token/callback", false, callback),
  route("GET /webhooks/:application/:token/messages/:message", false, (core, req) =>
    withWebhook(core, req, (rec) => {
      const message = findWebhookMessage(core, rec, req.params.message ?? "");
      return message ? json(message) : error(404, ErrorCode.UNKNOWN_MESSAGE, "Unknown Message");
    }),
  ),
  route("PATCH /webhooks/:application/:token/messages/:message", false, editWebhookMessage),
  route("DELETE /webhooks/:application/:token/messages/:message", false, (core, req) =>
    withWebhook(core, req, () => ({ status: 204 })),
  ),
  route("POST /webhooks/:application/:token", false, followUp),

  route("GET /channels/:channel", true, (core, req) => {
    const found = visibleChannel(core, req);
    return "refused" in found ? found.refused : json(core.state.channelJson(found.channel));
  }),
  route("GET /channels/:channel/messages", true, listMessages),
  route("GET /guilds/:guild/threads/active", true, (core, req) => {
    if (req.params.guild !== core.state.guildId)
      return error(403, ErrorCode.MISSING_ACCESS, "Missing Access");
    const threads = [...core.state.channels.values()].filter(
      (c) =>
        core.state.isThread(c) &&
        !c.archived &&
        (core.state.botPermissionsIn(c.id) & Permission.VIEW_CHANNEL) !== 0n,
    );
    return json({ threads: threads.map((t) => core.state.channelJson(t)), members: [] });
  }),
  route("POST /channels/:channel/messages", true, createMessage),
  route("POST /channels/:channel/threads", true, createThread),

  ...commandRoutes("/applications/:application/commands", () => "global"),
  ...commandRoutes("/applications/:application/guilds/:guild/commands", (req) => req.params.guild ?? ""),
];

function callback(core: Core, req: Request): Reply {
  const rec = core.interactions.get(req.params.interaction ?? "");
  if (!rec || rec.token !== req.params.token) {
    core.problem(
      "unknown-interaction",
      `callback for interaction ${req.params.interaction} that was never sent`,
    );
    return error(404, ErrorCode.UNKNOWN_INTERACTION, "Unknown interaction");
  }
  rec.callbacks += 1;
  if (rec.response) {
    core.problem("double-ack", `interaction ${rec.id} (/${rec.spec.command}) was answered twice`);
    return error(400, ErrorCode.ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.");
  }
  if (req.now - rec.dispatchedAt > core.deadlineMs) {
    core.problem(
      "late-callback",
      `interaction ${rec.id} (/${rec.spec.command}) answered after ${core.deadlineMs} ms`,
    );
    return error(404, ErrorCode.UNKNOWN_INTERACTION, "Unknown interaction");
  }
  const body = asObject(req.body);
  const type = Number(body.type);
  const fits =
    rec.kind === "autocomplete"
      ? type === CallbackType.AUTOCOMPLETE_RESULT
      : type === CallbackType.CHANNEL_MESSAGE_WITH_SOURCE ||
        type === CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE ||
        (rec.kind === "component" && updatesSource(type));
  if (!fits)
    return error(
      400,
      ErrorCode.INVALID_FORM_BODY,
      `callback type ${type} does not fit a ${rec.kind} interaction`,
    );
  const data = body.data === undefined ? undefined : asObject(body.data);
  rec.response = { type, data, at: req.now };
  if (rec.source && updatesSource(type)) {
    // A button press answered by editing the message the button is on.
    if (type === CallbackType.UPDATE_MESSAGE && data) updateOriginal(rec.source, data);
  } else if (type !== CallbackType.AUTOCOMPLETE_RESULT)
    rec.original = {
      id: rec.id,
      flags: Number(data?.flags ?? 0),
      content: "",
      embeds: [],
      ...(type === CallbackType.CHANNEL_MESSAGE_WITH_SOURCE ? data : {}),
    };
  if (req.query.get("with_response") === "true")
    return json({
      interaction: { id: rec.id, type: rec.payload.type },
      ...(holder(rec).original
        ? { resource: { type, message: webhookMessage(core, rec, holder(rec).original ?? {}) } }
        : {}),
    });
  return { status: 204 };
}

/** Webhook routes of an interaction: its application id and token, and an answer already sent. */
function withWebhook(core: Core, req: Request, then: (rec: InteractionRecord) => Reply): Reply {
  const rec = [...core.interactions.values()].find((r) => r.token === req.params.token);
  if (!rec || req.params.application !== core.state.applicationId)
    return error(404, ErrorCode.UNKNOWN_WEBHOOK, "Unknown Webhook");
  if (!rec.response || rec.response.type === CallbackType.AUTOCOMPLETE_RESULT) {
    core.problem("webhook-before-answer", `webhook used for interaction ${rec.id} before it was answered`);
    return error(404, ErrorCode.UNKNOWN_WEBHOOK, "Unknown Webhook");
  }
  return then(rec);
}

function findWebhookMessage(
  core: Core,
  rec: InteractionRecord,
  id: string,
): Record<string, unknown> | undefined {
  const original = holder(rec).original;
  if (id === "@original" || id === rec.id) return original && webhookMessage(core, rec, original);
  const followUp = rec.followUps.find((f) => f.id === id);
  return followUp && webhookMessage(core, rec, followUp);
}

function editWebhookMessage(core: Core, req: Request): Reply {
  return withWebhook(core, req, (rec) => {
    const body = asObject(req.body);
    const id = req.params.message ?? "";
    if (id === "@original" || id === rec.id) {
      const owner = holder(rec);
      updateOriginal(owner, body);
      return json(webhookMessage(core, rec, owner.original ?? {}));
    }
    const followUp = rec.followUps.find((f) => f.id === id);
    if (!followUp) return error(404, ErrorCode.UNKNOWN_MESSAGE, "Unknown Message");
    Object.assign(followUp, body);
    return json(webhookMessage(core, rec, followUp));
  });
}

function followUp(core: Core, req: Request): Reply {
  return withWebhook(core, req, (rec) => {
    const message = { ...asObject(req.body), id: core.state.newId() };
    rec.followUps.push(message);
    return json(webhookMessage(core, rec, message));
  });
}

const updatesSource = (type: number) =>
  type === CallbackType.DEFERRED_UPDATE_MESSAGE || type === CallbackType.UPDATE_MESSAGE;

/** Whose @original a webhook edit changes: a press answered by an update edits the button's message. */
const holder = (rec: InteractionRecord): InteractionRecord =>
  rec.source && rec.response && updatesSource(rec.response.type) ? rec.source : rec;

function updateOriginal(rec: InteractionRecord, body: Record<string, unknown>): void {
  rec.edits.push(body);
  rec.original = { ...rec.original, ...body };
}

/** A message sent through an interaction's webhook, as Discord returns it. */
function webhookMessage(
  core: Core,
  rec: InteractionRecord,
  body: Record<string, unknown>,
): Record<string, unknown> {
  return core.state.messageJson({
    id: String(body.id ?? rec.id),
    channel_id: String(rec.payload.channel_id),
    body,
    author: core.state.botUser,
    timestamp: new Date().toISOString(),
  });
}

/**
 * Newest first, at most `limit` (1 to 100, default 50), before or after a message id. Without Read
 * Message History Discord answers 200 with no messages at all, which a bot must not mistake for an
 * empty channel.
 */
function listMessages(core: Core, req: Request): Reply {
  const { state } = core;
  const found = visibleChannel(core, req);
  if ("refused" in found) return found.refused;
  const { channel, has } = found;
  if (!(has & Permission.READ_MESSAGE_HISTORY)) return json([]);
  const limit = Number(req.query.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return error(400, ErrorCode.INVALID_FORM_BODY, "Invalid Form Body");
  const before = req.query.get("before");
  const after = req.query.get("after");
  const all = state.messages.get(channel.id) ?? [];
  const id = (m: StoredMessage) => BigInt(m.id);
  const page = after
    ? all.filter((m) => id(m) > BigInt(after)).slice(0, limit)
    : all.filter((m) => !before || id(m) < BigInt(before)).slice(-limit);
  return json(page.reverse().map((m) => state.messageJson(m)));
}

/** The channel in the path and the bot's permissions there, or Discord's 404 or 403. */
function visibleChannel(core: Core, req: Request): { channel: Channel; has: bigint } | { refused: Reply } {
  const channel = core.state.channels.get(req.params.channel ?? "");
  if (!channel) return { refused: error(404, ErrorCode.UNKNOWN_CHANNEL, "Unknown Channel") };
  const has = core.state.botPermissionsIn(channel.id);
  if (!(has & Permission.VIEW_CHANNEL))
    return { refused: error(403, ErrorCode.MISSING_ACCESS, "Missing Access") };
  return { channel, has };
}

function createMessage(core: Core, req: Request): Reply {
  const { state } = core;
  const found = visibleChannel(core, req);
  if ("refused" in found) return found.refused;
  const { channel, has } = found;
  const needed = state.isThread(channel) ? Permission.SEND_MESSAGES_IN_THREADS : Permission.SEND_MESSAGES;
  if (!(has & needed)) return error(403, ErrorCode.MISSING_PERMISSIONS, "Missing Permissions");
  if (channel.locked) return error(400, 160005, "Thread is locked");
  const body = asObject(req.body);
  const messages = state.messages.get(channel.id) ?? [];
  // enforce_nonce: a repeat of a recent nonce returns the message it created instead of a new one.
  const repeat =
    body.enforce_nonce === true &&
    messages.find((m) => m.body.nonce !== undefined && m.body.nonce === body.nonce);
  if (repeat) return json(state.messageJson(repeat));
  channel.archived = false;
  const stored: StoredMessage = {
    id: state.newId(),
    channel_id: channel.id,
    body,
    author: state.botUser,
    timestamp: new Date().toISOString(),
  };
  state.messages.set(channel.id, [...messages, stored]);
  return json(state.messageJson(stored));
}

function createThread(core: Core, req: Request): Reply {
  const { state } = core;
  const parent = state.channels.get(req.params.channel ?? "");
  if (!parent) return error(404, ErrorCode.UNKNOWN_CHANNEL, "Unknown Channel");
  if (parent.type !== ChannelType.GUILD_TEXT && parent.type !== ChannelType.GUILD_ANNOUNCEMENT)
    return error(400, ErrorCode.WRONG_CHANNEL_TYPE, "Cannot execute action on this channel type");
  const body = asObject(req.body);
  // Discord's default in API v9 and later is a private thread, which members could not see.
  const type = Number(body.type ?? ChannelType.PRIVATE_THREAD);
  const fitsParent =
    parent.type === ChannelType.GUILD_ANNOUNCEMENT
      ? type === ChannelType.ANNOUNCEMENT_THREAD
      : type !== ChannelType.ANNOUNCEMENT_THREAD;
  if (!fitsParent)
    return error(400, ErrorCode.WRONG_CHANNEL_TYPE, "Cannot execute action on this channel type");
  const has = state.botPermissionsIn(parent.id);
  if (!(has & Permission.VIEW_CHANNEL)) return error(403, ErrorCode.MISSING_ACCESS, "Missing Access");
  if (!(has & Permission.CREATE_PUBLIC_THREADS))
    return error(403, ErrorCode.MISSING_PERMISSIONS, "Missing Permissions");
  const thread = state.addChannel(type, String(body.name), parent.id);
  if (typeof body.auto_archive_duration === "number")
    thread.auto_archive_duration = body.auto_archive_duration;
  const payload = state.channelJson(thread);
  if (core.gateway.ready)
    core.gateway.dispatch("THREAD_CREATE", {
      ...payload,
      newly_created: true,
      member: { id: thread.id, user_id: state.botUser.id, join_timestamp: thread.created_at, flags: 1 },
    });
  return json(payload, 201);
}

/** List, create (an upsert by name), bulk overwrite, read, edit and delete, global or per guild. */
function commandRoutes(base: string, scopeOf: (req: Request) => string): Route[] {
  const commands = (core: Core, req: Request) => core.state.commandsIn(scopeOf(req));
  const one = (core: Core, req: Request) => commands(core, req).get(req.params.command ?? "");
  const unknown = () => error(404, ErrorCode.UNKNOWN_APPLICATION_COMMAND, "Unknown application command");
  return [
    route(`GET ${base}`, true, (core, req) => json([...commands(core, req).values()])),
    route(`POST ${base}`, true, (core, req) => {
      const body = asObject(req.body);
      const existing = [...commands(core, req).values()].find((c) => c.name === body.name);
      return json(core.state.storeCommand(scopeOf(req), body, existing), existing ? 200 : 201);
    }),
    route(`PUT ${base}`, true, (core, req) => {
      const scope = scopeOf(req);
      const before = [...commands(core, req).values()];
      const list = Array.isArray(req.body) ? req.body.map(asObject) : [];
      commands(core, req).clear();
      const stored: StoredCommand[] = list.map((body) =>
        core.state.storeCommand(
          scope,
          body,
          before.find((c) => c.name === body.name),
        ),
      );
      return json(stored);
    }),
    route(`GET ${base}/:command`, true, (core, req) => {
      const found = one(core, req);
      return found ? json(found) : unknown();
    }),
    route(`PATCH ${base}/:command`, true, (core, req) => {
      const found = one(core, req);
      if (!found) return unknown();
      const { id, application_id, guild_id, version, ...rest } = found;
      return json(core.state.storeCommand(scopeOf(req), { ...rest, ...asObject(req.body) }, found));
    }),
    route(`DELETE ${base}/:command`, true, (core, req) => {
      if (!one(core, req)) return unknown();
      commands(core, req).delete(req.params.command ?? "");
      return { status: 204 };
    }),
  ];
}
