import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Slack's side of Socket Mode: the WebSocket URL apps.connections.open hands out. On connect it
 * sends `hello`; a test then sends envelopes (slash_commands, …) and awaits the app's acks, or
 * asks the app to reconnect (`disconnect` message) or drops the socket.
 */
export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** performance.now() when the ack arrived. */
  at: number;
}

export class FakeSocketMode {
  /** Every ack received, in order. */
  readonly acks: Ack[] = [];
  /** How many connections the app has opened so far (a reconnect makes it 2). */
  connections = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, (ack: Ack) => void>();
  private readonly onConnect = new Set<() => void>();

  constructor(private readonly server: WebSocketServer) {
    server.on("connection", (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data) => this.received(String(data)));
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: this.sockets.size,
          debug_info: { host: "fake-socket-mode", approximate_connection_time: 18_060 },
          connection_info: { app_id: "A0FAKE" },
        }),
      );
      const waiting = [...this.onConnect];
      this.onConnect.clear();
      for (const check of waiting) check();
    });
  }

  /** The URL apps.connections.open returns. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A0FAKE`;
  }

  get open(): number {
    return this.sockets.size;
  }

  /** Resolves once the app has `count` connections in total (hello sent). */
  connected(count = 1): Promise<void> {
    if (this.connections >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (this.connections >= count ? resolve() : this.onConnect.add(check));
      this.onConnect.add(check);
    });
  }

  /** Sends an envelope to the newest open connection and resolves with its ack. */
  send(
    type: string,
    payload: Record<string, unknown>,
    timeoutMs = 3_000,
    retry?: { retry_attempt: number; retry_reason: string },
  ): Promise<Ack> {
    const socket = [...this.sockets].at(-1);
    if (!socket) return Promise.reject(new Error("no Socket Mode connection is open"));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(
        JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true, ...retry }),
      );
    });
  }

  /** A slash command, as Slack sends it over Socket Mode; resolves with the ack. */
  slashCommand(
    payload: Record<string, string>,
    timeoutMs?: number,
    retry?: { retry_attempt: number; retry_reason: string },
  ): Promise<Ack> {
    return this.send("slash_commands", payload, timeoutMs, retry);
  }

  /** Slack's polite request to reconnect (it is about to recycle the connection). */
  disconnect(reason = "refresh_requested"): void {
    for (const socket of this.sockets)
      socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake-socket-mode" } }));
  }

  /** The connection vanishes without a close handshake. */
  drop(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  close(): Promise<void> {
    this.drop();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private received(text: string): void {
    let message: { envelope_id?: string; payload?: Record<string, unknown> };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message.envelope_id) return;
    const ack: Ack = {
      envelope_id: message.envelope_id,
      at: performance.now(),
      ...(message.payload ? { payload: message.payload } : {}),
    };
    this.acks.push(ack);
    this.pending.get(message.envelope_id)?.(ack);
    this.pending.delete(message.envelope_id);
  }
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return new FakeSocketMode(server);
}
