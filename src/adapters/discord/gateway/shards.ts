/**
 * The gateway shards, run by @discordjs/ws's own simple strategy, except that no frame the bot
 * cannot read reaches discord.js, and nothing discord.js throws while handling one reaches the
 * process. A bad frame costs that one event and one log line; the session goes on.
 */
import {
  SimpleShardingStrategy,
  type WebSocketManager,
  type WebSocketShard,
  WebSocketShardEvents,
} from "@discordjs/ws";
import type { Logger } from "../../../runtime/log.js";
import { type Unreadable, unreadable } from "./frames.js";

type Dropped = (why: Unreadable) => void;

/** For discord.js's `ws.buildStrategy` option. */
export const guardedShards = (log: Logger) => (manager: WebSocketManager) => {
  const dropped: Dropped = (why) => log.warn(why, "ignored a gateway event the bot could not read");
  catchHandlerErrors(manager, dropped);
  return new GuardedShards(manager, dropped);
};

class GuardedShards extends SimpleShardingStrategy {
  private readonly guarded = new WeakSet<WebSocketShard>();

  constructor(
    manager: WebSocketManager,
    private readonly dropped: Dropped,
  ) {
    super(manager);
  }

  override async spawn(shardIds: number[]): Promise<void> {
    await super.spawn(shardIds);
    // The strategy keeps its shards to itself; this is the one place the bot reaches for them.
    const { shards } = this as unknown as { shards: Map<number, WebSocketShard> };
    for (const shard of shards.values())
      if (!this.guarded.has(shard)) {
        guardFrames(shard, this.dropped);
        this.guarded.add(shard);
      }
  }
}

/**
 * discord.js handles each dispatch inside the manager's emit (the strategy forwards every shard
 * event to it); what its handlers throw is caught there, with the event's name.
 */
function catchHandlerErrors(manager: WebSocketManager, dropped: Dropped): void {
  const emit = manager.emit.bind(manager) as (event: string, payload: unknown) => boolean;
  (manager as { emit: (event: string, payload: unknown) => boolean }).emit = (event, payload) => {
    try {
      return emit(event, payload);
    } catch (error) {
      dropped({ event: eventName(event, payload), problem: short(error) });
      return false;
    }
  };
}

/** The two steps of a shard's message handling (private in @discordjs/ws, unchanged through 1.x). */
interface ShardInternals {
  unpackMessage(data: unknown, isBinary: boolean): Promise<unknown>;
  onMessage(data: unknown, isBinary: boolean): Promise<void>;
}

/**
 * The shard reads fields of READY and HELLO itself, before discord.js does, so the check sits where
 * a frame is decoded: an unreadable one decodes as nothing (as a partial compressed frame already
 * does) before it can change the session. Whatever still throws in the shard is caught at its
 * message handler, which @discordjs/ws calls without waiting on it.
 */
function guardFrames(shard: WebSocketShard, dropped: Dropped): void {
  const inner = shard as unknown as ShardInternals;
  if (typeof inner.unpackMessage !== "function" || typeof inner.onMessage !== "function")
    throw new Error(
      "@discordjs/ws changed its shard internals: update src/adapters/discord/gateway/shards.ts",
    );
  const unpack = inner.unpackMessage.bind(shard);
  const handle = inner.onMessage.bind(shard);
  inner.unpackMessage = async (data, isBinary) => {
    const payload = await unpack(data, isBinary);
    const why = payload === null ? undefined : unreadable(payload);
    if (!why) return payload;
    dropped(why);
    return null;
  };
  inner.onMessage = (data, isBinary) =>
    handle(data, isBinary).catch((error: unknown) => dropped({ event: "?", problem: short(error) }));
}

const eventName = (event: string, payload: unknown): string => {
  const t = (payload as { data?: { t?: unknown } } | undefined)?.data?.t;
  return event === WebSocketShardEvents.Dispatch && typeof t === "string" ? t : event;
};

/** The error's name and first line, short: never the payload it choked on. */
const short = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    .split("\n")[0]
    ?.slice(0, 150) ?? "";
