/**
 * A respawned shard process RESUMEs the session its dead predecessor had, so the events Discord
 * sent to the shard meanwhile (interactions among them) are replayed instead of lost.
 *
 * @discordjs/ws resumes whatever `retrieveSessionInfo` returns and reports each change through
 * `updateSessionInfo`, but discord.js's Client sets both itself (to its own per-shard store) and
 * lets only `ws.buildStrategy` through. So this wraps the strategy builder: it reads and writes
 * those two options on the manager it is given (the one place @discordjs/ws looks them up), hands
 * the inherited session to discord.js's store before the first connect, and tells the manager of
 * every change (child.ts sends it over IPC).
 *
 * A RESUME sends no READY, and discord.js's Client only turns ready (and only hands out the
 * interactions it queued meanwhile) after one. So when the inherited session resumes, discord.js
 * is given the READY the predecessor had, from the handover: the bot's user and application, and
 * the shard's guilds as "unavailable" placeholders (their channels and roles come from the REST API
 * when needed; the bot reads channels there when its cache lacks them). If Discord refuses the
 * session (op 9), @discordjs/ws drops it and identifies afresh, with a real READY.
 */
import {
  type IShardingStrategy,
  type SessionInfo,
  type WebSocketManager,
  WebSocketShardEvents,
} from "@discordjs/ws";
import { GatewayDispatchEvents, type GatewayDispatchPayload, GatewayOpcodes } from "discord.js";
import type { Handover, ReadyFacts } from "./messages.js";

export interface SessionLink {
  /** The session of this shard's previous process, to resume; undefined: identify. */
  inherited: Handover | undefined;
  /** The session changed: a new one, a later sequence, or none (null). */
  session(shardId: number, info: SessionInfo | null): void;
  /** What READY said changed (a new session, a guild joined or left); `facts` reads it now. */
  ready(shardId: number, facts: () => ReadyFacts): void;
}

type BuildStrategy = (manager: WebSocketManager) => IShardingStrategy;

/** For discord.js's `ws.buildStrategy`: `build`, with the session handed over and reported. */
export const handingOver =
  (build: BuildStrategy, link: SessionLink): BuildStrategy =>
  (manager) => {
    const { options } = manager;
    const retrieve = options.retrieveSessionInfo.bind(options);
    const update = options.updateSessionInfo.bind(options);
    let inherited = link.inherited;
    /** The inherited session on its way to RESUMED (or to Discord's refusal). */
    let resuming: Handover | undefined;
    const facts = new Map<number, Facts>();
    if (inherited) facts.set(inherited.session.shardId, toFacts(inherited.ready));

    options.retrieveSessionInfo = async (shardId) => {
      const own = await retrieve(shardId);
      if (own || inherited?.session.shardId !== shardId) return own;
      // Into discord.js's own store, so its shard shows "resuming" and every later update lands there.
      const { session } = inherited;
      await update(shardId, session);
      resuming = inherited;
      inherited = undefined;
      return session;
    };
    options.updateSessionInfo = async (shardId, info) => {
      await update(shardId, info);
      link.session(shardId, info);
    };

    const strategy = build(manager);
    manager.on(WebSocketShardEvents.Dispatch, ({ data, shardId }) => {
      if (data.t === GatewayDispatchEvents.Ready) facts.set(shardId, toFacts(data.d));
      const known = facts.get(shardId);
      if (known && learn(known, data)) link.ready(shardId, () => fromFacts(known));
    });
    // A READY after all (Discord refused the session): discord.js has what it needs.
    manager.on(WebSocketShardEvents.Ready, ({ shardId }) => {
      if (resuming?.session.shardId === shardId) resuming = undefined;
    });
    manager.on(WebSocketShardEvents.Resumed, ({ shardId }) => {
      if (resuming?.session.shardId !== shardId) return;
      const known = facts.get(shardId);
      const ready = readyFor(resuming, known ? fromFacts(known) : resuming.ready);
      resuming = undefined;
      // discord.js waits for a GUILD_CREATE of each guild READY lists (the first event) and adds
      // the guilds the dispatch lists (the second): none to wait for, every one as a placeholder.
      manager.emit(WebSocketShardEvents.Ready, { data: { ...ready, guilds: [] }, shardId });
      manager.emit(WebSocketShardEvents.Dispatch, {
        data: { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Ready, s: 0, d: ready },
        shardId,
      });
    });
    return strategy;
  };

type ReadyData = Extract<GatewayDispatchPayload, { t: GatewayDispatchEvents.Ready }>["d"];

/** The READY a resumed session would have had, from the handover and what was replayed since. */
function readyFor(handover: Handover, facts: ReadyFacts): ReadyData {
  const { session } = handover;
  return {
    v: 10,
    user: facts.user,
    application: facts.application,
    guilds: facts.guilds.map((id) => ({ id, unavailable: true })),
    session_id: session.sessionId,
    resume_gateway_url: session.resumeURL,
    shard: [session.shardId, session.shardCount],
  } as unknown as ReadyData;
}

/** What READY said, with the guilds in a set: a large shard gets thousands of GUILD_CREATE. */
interface Facts {
  user: ReadyFacts["user"];
  application: ReadyFacts["application"];
  guilds: Set<string>;
}

const toFacts = (ready: {
  user: { id: string; username: string };
  application: { id: string; flags?: number };
  guilds: readonly (string | { id: string })[];
}): Facts => ({
  user: ready.user as ReadyFacts["user"],
  application: { id: ready.application.id, flags: ready.application.flags },
  guilds: new Set(ready.guilds.map((g) => (typeof g === "string" ? g : g.id))),
});

const fromFacts = (facts: Facts): ReadyFacts => ({ ...facts, guilds: [...facts.guilds] });

/** Whether this dispatch changed what READY said (READY itself, a guild joined or left). */
function learn(facts: Facts, data: GatewayDispatchPayload): boolean {
  if (data.t === GatewayDispatchEvents.Ready) return true;
  if (data.t === GatewayDispatchEvents.GuildCreate && !facts.guilds.has(data.d.id)) {
    facts.guilds.add(data.d.id);
    return true;
  }
  // Unavailable: an outage, and the guild still has the bot; otherwise the bot left or was removed.
  if (data.t === GatewayDispatchEvents.GuildDelete && !data.d.unavailable)
    return facts.guilds.delete(data.d.id);
  return false;
}
