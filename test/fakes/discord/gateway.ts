import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { constants, createDeflate, type Deflate, deflateSync } from "node:zlib";
import { type WebSocket, WebSocketServer } from "ws";
import { Close, Intent, Op, PRIVILEGED_INTENTS } from "./constants.js";
import { identifiedShard, type ShardKey, shardOf } from "./shards.js";
import type { DiscordState } from "./state.js";

/**
 * The gateway half of the fake: HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeats and their
 * ACKs, dispatches with sequence numbers, RESUME (replaying what was missed) and the controls a
 * test needs to break things: close with a code, ask for a reconnect (op 7), invalidate the
 * session (op 9).
 *
 * Sharded as Discord is: IDENTIFY says `shard: [id, count]` (absent: [0, 1]); a count below the
 * fake's `shards` is refused with 4011 and an id outside the count with 4010. Each shard has its
 * own session, is told only of its guilds (guild_id >> 22 % count) and gets only their events;
 * events of no guild go to shard 0. The controls below act on shard 0's session unless told.
 *
 * It speaks what discord.js asks for in the URL: `v=10&encoding=json`, with `compress=zlib-stream`
 * (one zlib context per connection, each payload flushed) when zlib-sync is installed, or per
 * payload compression when IDENTIFY says `compress: true`.
 */
export interface Connection {
  /** The query string the client connected with, e.g. { v: "10", encoding: "json" }. */
  query: Record<string, string>;
  identify?: Record<string, unknown>;
  resume?: Record<string, unknown>;
  /** The shard this connection identified (or resumed) as. */
  shard?: ShardKey;
  heartbeats: number;
  socket: WebSocket;
}

interface Session {
  id: string;
  token: string;
  shard: ShardKey;
  seq: number;
  /** Every dispatch, so a RESUME can replay those after the client's last sequence. */
  sent: { s: number; t: string; d: unknown }[];
  connection?: Connection | undefined;
}

export interface GatewayOptions {
  token: string;
  /** HELLO's heartbeat interval; discord.js first beats after a random fraction of it. */
  heartbeatIntervalMs: number;
  /** The fewest shards a bot may identify with (GET /gateway/bot advertises it); default 1. */
  shards?: number;
  /** How many shards may identify at once (GET /gateway/bot's max_concurrency); default 1. */
  maxConcurrency?: number;
}

export class Gateway extends EventEmitter {
  readonly connections: Connection[] = [];
  /** Heartbeats are answered unless a test turns this off to simulate a zombie connection. */
  ackHeartbeats = true;
  /** While set, every IDENTIFY is answered with this close code (4004 for a bad token, 4014 for intents). */
  refuseIdentify: { code: number; reason: string } | undefined;
  /** While set, new connections wait for HELLO: a reconnect that takes as long as the test likes. */
  private held: (() => void)[] | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Each shard's session, by shard id. */
  private readonly sessions = new Map<number, Session>();
  /** zlib-stream connections: one deflate context each, and the chain that keeps frames in order. */
  private readonly compressors = new WeakMap<WebSocket, { stream: Deflate; queue: Promise<void> }>();

  constructor(
    private readonly state: DiscordState,
    private readonly options: GatewayOptions,
    private readonly url: () => string,
  ) {
    super();
    this.setMaxListeners(0);
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  /** Whether a bot has identified and a session of it is live on an open connection. */
  get ready(): boolean {
    return this.liveShards().length > 0;
  }

  /** The shard ids whose session is live on an open connection, ascending. */
  liveShards(): number[] {
    return [...this.sessions.values()]
      .filter((s) => s.connection?.socket.readyState === 1)
      .map((s) => s.shard.id)
      .sort((a, b) => a - b);
  }

  /** The id of a shard's current session (what a RESUME must name), if it has one. */
  sessionId(shard: number): string | undefined {
    return this.sessions.get(shard)?.id;
  }

  /** The shards a bot must identify with at least (and GET /gateway/bot recommends). */
  get shardCount(): number {
    return this.options.shards ?? 1;
  }

  get maxConcurrency(): number {
    return this.options.maxConcurrency ?? 1;
  }

  /** The shard a guild's events go to, with the count the bot identified with. */
  shardFor(guildId: string | undefined): number {
    const count = [...this.sessions.values()][0]?.shard.count ?? this.shardCount;
    return guildId === undefined ? 0 : shardOf(guildId, count);
  }

  /**
   * Sends an event to the bot, on the shard of its guild (queued for RESUME if that shard is not
   * connected right now); returns that shard's id.
   */
  dispatch(t: string, d: unknown): number {
    const guild = (d as { guild_id?: unknown } | null)?.guild_id;
    const shard = this.shardFor(typeof guild === "string" ? guild : undefined);
    const session = this.sessions.get(shard);
    if (!session)
      throw new Error(
        this.sessions.size === 0
          ? `cannot dispatch ${t}: no bot has identified to the fake gateway`
          : `cannot dispatch ${t}: no bot has identified as shard ${shard} of the fake gateway`,
      );
    this.dispatchTo(session, t, d);
    return shard;
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    if (session.connection) this.send(session.connection.socket, { op: Op.DISPATCH, t, s: session.seq, d });
  }

  /** Closes the live connection with a code (1006-like drops use 4000; 1000 ends the session). */
  close(code: number = Close.UNKNOWN_ERROR, reason = "fake: closed by the test", shard = 0): void {
    const session = this.sessions.get(shard);
    const connection = session?.connection;
    if (session) session.connection = undefined;
    // 1006 cannot be sent in a close frame: a dropped connection is a socket destroyed without one.
    if (code === 1006) connection?.socket.terminate();
    else connection?.socket.close(code, reason);
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(shard = 0): void {
    const socket = this.sessions.get(shard)?.connection?.socket;
    if (socket) this.send(socket, { op: Op.RECONNECT, d: null });
  }

  /** Op 9: the session is invalid; `resumable` says whether the client may try RESUME. */
  invalidateSession(resumable = false, shard = 0): void {
    const session = this.sessions.get(shard);
    const socket = session?.connection?.socket;
    if (!resumable && session) this.sessions.set(shard, { ...session, id: "invalidated" });
    if (socket) this.send(socket, { op: Op.INVALID_SESSION, d: resumable });
  }

  /** Drops the dispatches kept for RESUME (a long benchmark would keep them all). */
  forgetSent(): void {
    for (const session of this.sessions.values()) session.sent.length = 0;
  }

  /** Op 1 from the server: the client must heartbeat now. */
  requestHeartbeat(shard = 0): void {
    const socket = this.sessions.get(shard)?.connection?.socket;
    if (socket) this.send(socket, { op: Op.HEARTBEAT, d: null });
  }

  async shutdown(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? "/", "ws://fake").searchParams);
    const connection: Connection = { query, heartbeats: 0, socket };
    this.connections.push(connection);
    this.emit("connection", connection);
    if (query.v !== "10") {
      socket.close(Close.INVALID_API_VERSION, "Invalid API version");
      return;
    }
    if ((query.encoding ?? "json") !== "json") {
      socket.close(Close.DECODE_ERROR, "the fake gateway speaks encoding=json only");
      return;
    }
    if (query.compress === "zlib-stream")
      this.compressors.set(socket, { stream: createDeflate(), queue: Promise.resolve() });
    socket.on("message", (data, isBinary) => this.receive(connection, data.toString(), isBinary));
    socket.on("close", () => {
      for (const session of this.sessions.values())
        if (session.connection === connection) session.connection = undefined;
      this.emit("disconnect", connection);
    });
    const hello = () =>
      this.send(socket, { op: Op.HELLO, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
    if (this.held) this.held.push(hello);
    else hello();
  }

  /** Holds new connections before HELLO until the returned function is called. */
  hold(): () => void {
    this.held ??= [];
    return () => {
      const waiting = this.held ?? [];
      this.held = undefined;
      for (const hello of waiting) hello();
    };
  }

  private receive(connection: Connection, raw: string, isBinary: boolean): void {
    let payload: { op?: number; d?: unknown };
    try {
      if (isBinary) throw new Error("binary frames are not accepted");
      payload = JSON.parse(raw);
    } catch {
      connection.socket.close(Close.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    if (payload.op === Op.HEARTBEAT) {
      connection.heartbeats += 1;
      if (this.ackHeartbeats) this.send(connection.socket, { op: Op.HEARTBEAT_ACK });
    } else if (payload.op === Op.IDENTIFY) this.identify(connection, d);
    else if (payload.op === Op.RESUME) this.resume(connection, d);
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    connection.identify = d;
    const shard = identifiedShard(d.shard, this.shardCount);
    const refusal = this.refuseIdentify
      ? ([this.refuseIdentify.code, this.refuseIdentify.reason] as const)
      : d.token !== this.options.token
        ? ([Close.AUTHENTICATION_FAILED, "Authentication failed."] as const)
        : (Number(d.intents) & PRIVILEGED_INTENTS) !== 0
          ? ([Close.DISALLOWED_INTENTS, "Disallowed intent(s)."] as const)
          : "refused" in shard
            ? shard.refused
            : undefined;
    if (refusal || "refused" in shard) {
      if (refusal) connection.socket.close(refusal[0], refusal[1]);
      return;
    }
    connection.shard = shard;
    const guilds = this.state.guildIds.filter((id) => shardOf(id, shard.count) === shard.id);
    const session: Session = {
      id: this.state.newId(),
      token: String(d.token),
      shard,
      seq: 0,
      sent: [],
      connection,
    };
    this.sessions.set(shard.id, session);
    this.dispatchTo(session, "READY", {
      v: 10,
      user: this.state.botUser,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.url(),
      shard: [shard.id, shard.count],
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
    });
    // Guilds arrive as unavailable in READY and then one GUILD_CREATE each, with the Guilds intent.
    if (Number(d.intents) & Intent.GUILDS)
      for (const id of guilds) this.dispatchTo(session, "GUILD_CREATE", this.state.guildCreate(id));
    this.emit("identify", connection);
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    connection.resume = d;
    const session = [...this.sessions.values()].find((s) => s.id === d.session_id);
    if (!session || session.token !== d.token) {
      this.send(connection.socket, { op: Op.INVALID_SESSION, d: false });
      return;
    }
    session.connection = connection;
    connection.shard = session.shard;
    const after = Number(d.seq ?? 0);
    for (const e of session.sent.filter((x) => x.s > after))
      this.send(connection.socket, { op: Op.DISPATCH, t: e.t, s: e.s, d: e.d });
    this.dispatchTo(session, "RESUMED", {});
    this.emit("resume", connection);
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState !== 1) return;
    const json = JSON.stringify(payload);
    const zlib = this.compressors.get(socket);
    if (zlib) {
      // Each payload ends with a sync flush (00 00 ff ff), which is how clients find its end.
      zlib.queue = zlib.queue.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const collect = (chunk: Buffer) => chunks.push(chunk);
            zlib.stream.on("data", collect);
            zlib.stream.write(json);
            zlib.stream.flush(constants.Z_SYNC_FLUSH, () => {
              zlib.stream.off("data", collect);
              if (socket.readyState === 1) socket.send(Buffer.concat(chunks));
              resolve();
            });
          }),
      );
      return;
    }
    const perPayload = this.connections.find((c) => c.socket === socket)?.identify?.compress === true;
    socket.send(perPayload ? deflateSync(json) : json);
  }
}
