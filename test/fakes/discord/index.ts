import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ChannelType, ErrorCode } from "./constants.js";
import { Gateway } from "./gateway.js";
import { APPLICATION_ROUTES } from "./http-delivery.js";
import { buildInteraction, type InteractionRecord, type InteractSpec } from "./interactions.js";
import { type Core, type Reply, ROUTES, type Route } from "./routes.js";
import { DiscordState, type Persona, type StateOptions, type StoredMessage } from "./state.js";
import { invalidBody, type Policy, type Problem, VALIDATORS } from "./validate.js";

export { ChannelType, ErrorCode, Permission } from "./constants.js";
export type { InteractionRecord, InteractSpec } from "./interactions.js";
export type { Channel, Persona, StoredMessage } from "./state.js";

/**
 * A local fake of Discord for end-to-end tests: the real discord.js client logs in to it (REST at
 * `apiUrl`, the gateway at the URL GET /gateway/bot returns), and the test drives it like people
 * in a server would: `interact()` dispatches a slash command or an autocomplete and returns a
 * handle to wait on. Every request is recorded; every body is validated against Discord's
 * published schemas and limits, and anything Discord would refuse or a correct bot never does
 * lands in `problems` (tests assert it stays empty).
 *
 * Fault injection for reliability work: `failNext()` answers the next matching request(s) with a
 * status, body and headers of your choosing (429 with Retry-After, 500, 403 …), optionally after a
 * delay or after applying it; `gateway.close(code)`, `gateway.requestReconnect()`,
 * `gateway.invalidateSession()` break the connection the ways Discord does.
 */
export interface FakeDiscordOptions extends StateOptions {
  /** The bot token the fake accepts (default: a random, realistic-looking one). */
  token?: string;
  /** HELLO's heartbeat interval (default 41,250 ms, as Discord sends). */
  heartbeatIntervalMs?: number;
  /** Gateway shards the bot must identify with at least, advertised by GET /gateway/bot (default 1). */
  shards?: number;
  /** Shards that may identify at once (GET /gateway/bot's max_concurrency; default 1). */
  maxConcurrency?: number;
  /** How long after dispatch an interaction callback is still accepted (default 3,000 ms). */
  interactionDeadlineMs?: number;
  /** Checks beyond Discord's own (default: every message must mention no one). */
  policy?: Partial<Policy>;
  /**
   * Check request bodies against Discord's schemas and limits (default true). Benchmarks turn it
   * off so that they time the bot rather than the fake, and check the answers themselves.
   */
  validate?: boolean;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  /** The route template, e.g. "POST /channels/:channel/messages". */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: { authorization?: string | undefined; auditLogReason?: string | undefined };
  body: unknown;
  status: number;
  response: unknown;
  /** performance.now() when the request arrived (before its body was read and checked). */
  receivedAt: number;
  /** performance.now() when the answer was sent. */
  at: number;
  /** Answered by an injected fault. */
  fault?: boolean;
}

export interface ProblemRecord {
  kind: string;
  detail: string;
  route?: string;
  problems?: Problem[];
  body?: unknown;
}

export interface Fault {
  /** Which requests: a route template ("POST /channels/:channel/threads") or a RegExp on "METHOD /path". */
  route: string | RegExp;
  /** The status to answer with; leave out to only delay the request. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests to affect (default 1). */
  times?: number;
  /** Let this many matching requests through untouched first (fail the third message: skip 2). */
  skip?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Apply the request first, then answer with the fault: a response lost after Discord acted. */
  after?: boolean;
}

export interface InteractionHandle {
  id: string;
  record: InteractionRecord;
  /** Resolves when Discord has accepted the bot's answer (reply, defer or autocomplete result). */
  answered(): Promise<InteractionRecord>;
  /** Resolves when `done(record)` holds, checked after every request. */
  until(done: (record: InteractionRecord) => boolean, what?: string): Promise<InteractionRecord>;
}

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly state: DiscordState;
  readonly gateway: Gateway;
  readonly requests: RecordedRequest[] = [];
  readonly problems: ProblemRecord[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly policy: Policy;
  private readonly validate: boolean;
  private readonly server: Server;
  private readonly faults: (Fault & { left: number; skipping: number })[] = [];
  /** What the routes act on; http-delivery.ts applies an HTTP interaction's answer through it. */
  readonly core: Core;
  /** How an interaction reaches the bot: INTERACTION_CREATE on the gateway (returning the shard that got it), or HTTP (http-delivery.ts). */
  deliver = (record: InteractionRecord): number | undefined =>
    this.gateway.dispatch("INTERACTION_CREATE", record.payload);
  private readonly routes: (Route & { pattern: RegExp })[];
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    super();
    this.setMaxListeners(0);
    this.state = new DiscordState(options);
    this.token = options.token ?? fakeToken(this.state.applicationId);
    this.policy = { noMentions: true, ...options.policy };
    this.validate = options.validate ?? true;
    this.gateway = new Gateway(
      this.state,
      {
        token: this.token,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
        shards: options.shards,
        maxConcurrency: options.maxConcurrency,
      },
      () => this.gatewayUrl,
    );
    this.core = {
      state: this.state,
      gateway: this.gateway,
      interactions: this.interactions,
      deadlineMs: options.interactionDeadlineMs ?? 3_000,
      gatewayUrl: () => this.gatewayUrl,
      problem: (kind, detail) => this.problems.push({ kind, detail }),
    };
    this.routes = [...ROUTES, ...APPLICATION_ROUTES].map((r) => ({
      ...r,
      pattern: templatePattern(r.template),
    }));
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.on("upgrade", (req, socket, head) => {
      if (new URL(req.url ?? "/", "http://fake").pathname === "/gateway")
        this.gateway.upgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /** Starts on 127.0.0.1 and a free port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL (discord.js `rest.api`) should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Resolves once a bot has identified and holds a live gateway session. */
  connected(timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => this.gateway.ready, "a bot to connect to the gateway", timeoutMs);
  }

  /**
   * Does what a person does in Discord's client: runs a slash command (or types into an option
   * with autocomplete), checked against the registered commands, and sends INTERACTION_CREATE.
   */
  interact(spec: InteractSpec): InteractionHandle {
    const ids = this.newInteractionIds();
    const payload = buildInteraction(this.state, spec, ids);
    const kind = spec.focused ? "autocomplete" : "command";
    return this.dispatchInteraction({ ...ids, kind, spec, payload }, `/${spec.command}`);
  }

  /** A fresh interaction id and token, shaped as Discord's are. */
  newInteractionIds(): { id: string; token: string } {
    return { id: this.state.newId(), token: interactionToken() };
  }

  /**
   * Records an interaction, sends its INTERACTION_CREATE and returns its handle (`label` names it
   * when a wait times out): the one path for commands, autocomplete and button presses.
   */
  dispatchInteraction(
    fields: Pick<InteractionRecord, "id" | "token" | "kind" | "spec" | "payload" | "source">,
    label: string,
  ): InteractionHandle {
    const record: InteractionRecord = {
      ...fields,
      dispatchedAt: performance.now(),
      callbacks: 0,
      edits: [],
      followUps: [],
    };
    this.interactions.set(record.id, record);
    record.shard = this.deliver(record);
    const until = (done: (r: InteractionRecord) => boolean, what = "the condition") =>
      this.waitFor(() => done(record), `${label}: ${what}`).then(() => record);
    return {
      id: record.id,
      record,
      answered: () => until((r) => r.response !== undefined, "an answer"),
      until,
    };
  }

  /**
   * The INTERACTION_CREATE payload `interact(spec)` would send, not sent: a test can break it and
   * send it with `gateway.dispatch`, as a buggy or hostile gateway would.
   */
  payloadFor(spec: InteractSpec): Record<string, unknown> {
    return buildInteraction(this.state, spec, this.newInteractionIds());
  }

  /**
   * Answers the next request(s) matching `fault.route` with the given status, body and headers
   * (after an optional delay), instead of or after handling them.
   */
  failNext(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1, skipping: fault.skip ?? 0 });
  }

  /** Forgets the faults not used up yet. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * Denies the bot permissions in a channel (a member overwrite), as a server admin would; the bot
   * learns of it through CHANNEL_UPDATE, and the fake's REST enforces it.
   */
  denyBot(channelId: string, permissions: bigint): void {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId} in the fake guild`);
    channel.botDenied = permissions;
    if (this.gateway.ready) this.gateway.dispatch("CHANNEL_UPDATE", this.state.channelJson(channel));
  }

  /**
   * A thread someone started in `parentId` (default #general), announced to the bot with
   * THREAD_CREATE as Discord does; returns its id.
   */
  startThread(name: string, parentId = this.state.ids.general, by: Persona = "moderator"): string {
    const thread = this.state.addChannel(ChannelType.PUBLIC_THREAD, name, parentId, this.state.people[by].id);
    if (this.gateway.ready) this.gateway.dispatch("THREAD_CREATE", this.state.channelJson(thread));
    return thread.id;
  }

  /** A person writes in a channel or thread (the bot, with the Guilds intent only, is not told). */
  say(channelId: string, content: string, by: Persona = "member"): void {
    const messages = this.state.messages.get(channelId) ?? [];
    messages.push({
      id: this.state.newId(),
      channel_id: channelId,
      body: { content },
      author: this.state.people[by],
      timestamp: new Date().toISOString(),
    });
    this.state.messages.set(channelId, messages);
  }

  /** Messages posted in a channel or thread (by the bot, or by people through `say`), oldest first. */
  messagesIn(channelId: string): StoredMessage[] {
    return this.state.messages.get(channelId) ?? [];
  }

  /** Threads created through the API (not the one the guild started with). */
  threadsCreated() {
    return this.requests
      .filter((r) => r.route === "POST /channels/:channel/threads" && r.status < 300)
      .map((r) => this.state.channels.get(String((r.response as { id: string }).id)))
      .filter((c) => c !== undefined);
  }

  /** Requests whose route template is `route`. */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Resolves when `condition()` holds; checked now and after every request and gateway event. */
  waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.requests.slice(-5).map((r) => `${r.route} → ${r.status}`);
        reject(
          new Error(
            `fake Discord: timed out waiting for ${what}; last requests: ${recent.join("; ") || "none"}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off("request", check);
        this.gateway.off("identify", check);
        this.gateway.off("resume", check);
      };
      this.on("request", check);
      this.gateway.on("identify", check);
      this.gateway.on("resume", check);
    });
  }

  async close(): Promise<void> {
    await this.gateway.shutdown();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Discord's clock for the 3-second interaction deadline stops when the request arrives.
    const receivedAt = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v10(?=\/)/u, "");
    const base = {
      receivedAt,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: {
        authorization: req.headers.authorization,
        auditLogReason: header(req, "x-audit-log-reason"),
      },
    };
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      return this.answer(
        res,
        { ...base, route: "?", params: {}, body: raw },
        { status: 400, body: { code: ErrorCode.GENERAL, message: "400: Bad Request" } },
      );
    }

    const match = path === url.pathname ? undefined : this.match(method, path);
    if (!match) {
      this.problems.push({ kind: "unknown-route", detail: `${method} ${url.pathname}`, body });
      return this.answer(
        res,
        { ...base, route: "?", params: {}, body },
        { status: 404, body: { code: ErrorCode.GENERAL, message: "404: Not Found" } },
      );
    }
    const { route, params } = match;
    const request = { ...base, route: route.template, params, body };
    if (route.auth && req.headers.authorization !== `Bot ${this.token}`) {
      this.problems.push({
        kind: "unauthorized",
        detail: `${route.template} without the bot token`,
        route: route.template,
      });
      return this.answer(res, request, {
        status: 401,
        body: { code: ErrorCode.GENERAL, message: "401: Unauthorized" },
      });
    }
    const problems = (this.validate && VALIDATORS[route.template]?.(body, this.policy)) || [];
    if (problems.length > 0) {
      this.problems.push({
        kind: "invalid-body",
        detail: problems.map((p) => `${p.path}: ${p.message}`).join("; "),
        route: route.template,
        problems,
        body,
      });
      return this.answer(res, request, { status: 400, body: invalidBody(problems) });
    }

    const fault = this.takeFault(`${method} ${path}`, route.template);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const injected: Reply | undefined =
      fault?.status === undefined
        ? undefined
        : { status: fault.status, body: fault.body, headers: fault.headers ?? {} };
    if (injected && !fault?.after) return this.answer(res, request, injected, true);
    const reply = route.handle(this.core, { params, query: url.searchParams, body, now: receivedAt });
    if (injected) return this.answer(res, request, injected, true);
    return this.answer(res, request, reply);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      // Clients percent-encode path segments (discord.js sends @original as %40original).
      if (m)
        return {
          route,
          params: Object.fromEntries(
            Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
          ),
        };
    }
    return undefined;
  }

  private takeFault(
    request: string,
    template: string,
  ): (Fault & { skipping: number; left: number }) | undefined {
    const fault = this.faults.find(
      (f) => f.left > 0 && (typeof f.route === "string" ? f.route === template : f.route.test(request)),
    );
    if (!fault) return undefined;
    if (fault.skipping > 0) {
      fault.skipping -= 1;
      return undefined;
    }
    fault.left -= 1;
    return fault;
  }

  private answer(
    res: ServerResponse,
    request: Omit<RecordedRequest, "seq" | "status" | "response" | "at">,
    reply: Reply,
    fault = false,
  ): void {
    const text = reply.body === undefined || reply.status === 204 ? "" : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(text ? { "content-type": "application/json" } : {}),
      ...reply.headers,
    });
    res.end(text);
    this.requests.push({
      ...request,
      seq: this.requests.length + 1,
      status: reply.status,
      response: reply.body,
      at: performance.now(),
      ...(fault ? { fault } : {}),
    });
    this.emit("request", this.requests.at(-1));
  }
}

/** "POST /channels/:channel/messages" → a pattern with named groups, on the path alone. */
function templatePattern(template: string): RegExp {
  const path = template.slice(template.indexOf(" ") + 1);
  const source = path
    .split("/")
    .map((part) =>
      part.startsWith(":") ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`, "u");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Shaped like a real bot token: base64 of the application id, a timestamp part and an HMAC part. */
function fakeToken(applicationId: string): string {
  const b64 = (b: Buffer) => b.toString("base64url");
  return `${b64(Buffer.from(applicationId))}.${b64(randomBytes(4))}.${b64(randomBytes(27))}`;
}

const interactionToken = () => `aW50ZXJhY3Rpb246${randomBytes(96).toString("base64url")}`;
