import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { constants, createDeflate, type Deflate, deflateSync } from "node:zlib";
import { type WebSocket, WebSocketServer } from "ws";
import { Close, Intent, Op, PRIVILEGED_INTENTS } from "./constants.js";
import type { DiscordState } from "./state.js";

/**
 * The gateway half of the fake: HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeats and their
 * ACKs, dispatches with sequence numbers, RESUME (replaying what was missed) and the controls a
 * test needs to break things: close with a code, ask for a reconnect (op 7), invalidate the
 * session (op 9).
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
  heartbeats: number;
  socket: WebSocket;
}

interface Session {
  id: string;
  token: string;
  seq: number;
  /** Every dispatch, so a RESUME can replay those after the client's last sequence. */
  sent: { s: number; t: string; d: unknown }[];
  connection?: Connection | undefined;
}

export interface GatewayOptions {
  token: string;
  /** HELLO's heartbeat interval; discord.js first beats after a random fraction of it. */
  heartbeatIntervalMs: number;
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
  private session: Session | undefined;
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

  /** Whether a bot has identified and its session is live on an open connection. */
  get ready(): boolean {
    return this.session?.connection?.socket.readyState === 1;
  }

  /** Sends an event to the bot (queued for RESUME if it is not connected right now). */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session) throw new Error(`cannot dispatch ${t}: no bot has identified to the fake gateway`);
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    if (session.connection) this.send(session.connection.socket, { op: Op.DISPATCH, t, s: session.seq, d });
  }

  /** Closes the live connection with a code (1006-like drops use 4000; 1000 ends the session). */
  close(code: number = Close.UNKNOWN_ERROR, reason = "fake: closed by the test"): void {
    const connection = this.session?.connection;
    if (this.session) this.session.connection = undefined;
    // 1006 cannot be sent in a close frame: a dropped connection is a socket destroyed without one.
    if (code === 1006) connection?.socket.terminate();
    else connection?.socket.close(code, reason);
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    const socket = this.session?.connection?.socket;
    if (socket) this.send(socket, { op: Op.RECONNECT, d: null });
  }

  /** Op 9: the session is invalid; `resumable` says whether the client may try RESUME. */
  invalidateSession(resumable = false): void {
    const socket = this.session?.connection?.socket;
    if (!resumable && this.session) this.session = { ...this.session, id: "invalidated" };
    if (socket) this.send(socket, { op: Op.INVALID_SESSION, d: resumable });
  }

  /** Drops the dispatches kept for RESUME (a long benchmark would keep them all). */
  forgetSent(): void {
    if (this.session) this.session.sent.length = 0;
  }

  /** Op 1 from the server: the client must heartbeat now. */
  requestHeartbeat(): void {
    const socket = this.session?.connection?.socket;
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
      if (this.session?.connection === connection) this.session.connection = undefined;
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
    const refusal = this.refuseIdentify
      ? ([this.refuseIdentify.code, this.refuseIdentify.reason] as const)
      : d.token !== this.options.token
        ? ([Close.AUTHENTICATION_FAILED, "Authentication failed."] as const)
        : (Number(d.intents) & PRIVILEGED_INTENTS) !== 0
          ? ([Close.DISALLOWED_INTENTS, "Disallowed intent(s)."] as const)
          : undefined;
    if (refusal) {
      connection.socket.close(refusal[0], refusal[1]);
      return;
    }
    this.session = { id: this.state.newId(), token: String(d.token), seq: 0, sent: [], connection };
    this.dispatch("READY", {
      v: 10,
      user: this.state.botUser,
      guilds: [{ id: this.state.guildId, unavailable: true }],
      session_id: this.session.id,
      session_type: "normal",
      resume_gateway_url: this.url(),
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
    });
    // Guilds arrive as unavailable in READY and then one GUILD_CREATE each, with the Guilds intent.
    if (Number(d.intents) & Intent.GUILDS) this.dispatch("GUILD_CREATE", this.state.guildCreate());
    this.emit("identify", connection);
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    connection.resume = d;
    const session = this.session;
    if (!session || session.id !== d.session_id || session.token !== d.token) {
      this.send(connection.socket, { op: Op.INVALID_SESSION, d: false });
      return;
    }
    session.connection = connection;
    const after = Number(d.seq ?? 0);
    for (const e of session.sent.filter((x) => x.s > after))
      this.send(connection.socket, { op: Op.DISPATCH, t: e.t, s: e.s, d: e.d });
    this.dispatch("RESUMED", {});
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
