/**
 * Raw HTTP interaction payloads as the real discord.js Interaction objects the gateway mode gets,
 * on a Client that never logs in: discord.js's own InteractionCreate action builds them (the same
 * code a gateway INTERACTION_CREATE runs), so inbound.ts handles both modes unchanged. Without the
 * gateway nothing fills discord.js's caches, so the client is given what it would have learnt at
 * READY (its own user, the application) and each interaction's partial guild (channels and members
 * are then built as discord.js builds them, not left as raw objects).
 */
import {
  type APIChatInputApplicationCommandInteraction,
  type APIUser,
  ChatInputCommandInteraction,
  type Client,
  ClientApplication,
  ClientUser,
} from "discord.js";
import type { RawInteraction } from "./endpoint.js";

/** discord.js's structures have private constructors; it builds them itself from raw data. */
const build = <T>(cls: unknown, ...args: unknown[]): T =>
  Reflect.construct(cls as new (...a: unknown[]) => T, args);

/** What READY would have told the client: who the bot is (from GET /users/@me) and its application. */
export function identify(client: Client, user: APIUser, applicationId: string): void {
  const me = build<ClientUser>(ClientUser, client, user);
  const c = client as Client<true>;
  c.user = me;
  client.users.cache.set(me.id, me);
  c.application = build<ClientApplication>(ClientApplication, client, { id: applicationId });
}

interface Internals {
  actions: { InteractionCreate: { handle(data: unknown): void } };
  guilds: { _add(data: unknown): unknown };
}

/**
 * Builds the interaction and emits it as Events.InteractionCreate, as a gateway dispatch does;
 * discord.js emits nothing for a kind it does not know.
 */
export function emitInteraction(client: Client, raw: RawInteraction): void {
  addGuild(client, raw);
  (client as unknown as Internals).actions.InteractionCreate.handle(raw);
}

/**
 * The slash command whose /article post preview was shown, rebuilt from its payload on whichever
 * replica the Post press reaches. The command had deferred its answer privately (inbound.ts), and
 * its token still edits that answer for 15 minutes.
 */
export function reviveDeferredCommand(client: Client, raw: RawInteraction): ChatInputCommandInteraction {
  addGuild(client, raw);
  const interaction = build<ChatInputCommandInteraction>(
    ChatInputCommandInteraction,
    client,
    raw as unknown as APIChatInputApplicationCommandInteraction,
  );
  interaction.deferred = true;
  interaction.ephemeral = true;
  return interaction;
}

/** The interaction's partial guild in the cache, so discord.js builds its channels and members. */
function addGuild(client: Client, raw: RawInteraction): void {
  const id = typeof raw.guild_id === "string" ? raw.guild_id : undefined;
  if (id === undefined || client.guilds.cache.has(id)) return;
  const partial = typeof raw.guild === "object" && raw.guild !== null ? raw.guild : {};
  (client as unknown as Internals).guilds._add({ ...partial, id });
}
