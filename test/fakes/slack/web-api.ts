import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { blockKitProblems } from "./block-kit.js";

/**
 * A local stand-in for Slack's Web API (the bot's SLACK_API_URL / Bolt's `slackApiUrl`) and for
 * response_url. It answers the methods the bot uses as Slack documents them, keeps the messages it
 * was sent per channel (and lists them back through conversations.history and .replies, paged as
 * Slack pages them), records every call, checks every message payload against Block Kit's limits,
 * and injects faults on demand (`failNext`).
 */
export interface FakeUser {
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface FakeChannel {
  name: string;
  /** false: chat.postMessage answers not_in_channel until the bot is invited. */
  botIsMember?: boolean;
}

export interface FakeSlackApiOptions {
  botToken?: string;
  appToken?: string;
  bot?: { userId: string; botId: string; name: string };
  users?: Record<string, FakeUser>;
  channels?: Record<string, FakeChannel>;
  /** What apps.connections.open returns (a FakeSocketMode's url); absent, it fails. */
  socketModeUrl?: () => string;
}

/** What the next matching call gets instead of a normal answer. */
export interface Fault {
  /** Answer HTTP 200 with `{ ok: false, error }` (not_in_channel, rate_limited, …). */
  error?: string;
  /** Answer with this HTTP status (500, 429, 404 for an expired response_url). */
  status?: number;
  /** With status 429: the Retry-After header, in seconds. */
  retryAfter?: number;
  /** Wait this long before answering (a slow Slack). */
  delayMs?: number;
}

export interface FaultRule {
  /** How many matching calls get the fault (default 1). */
  times?: number;
  /** Only calls whose parameters satisfy this. */
  when?: (params: Record<string, unknown>) => boolean;
}

export interface RecordedCall {
  /** A Web API method, "response_url" for a POST to a response_url, or "ack" for a recorded ack. */
  method: string;
  params: Record<string, unknown>;
  /** The response_url (or the command's, for an ack) this call belongs to. */
  responseUrl?: string;
  token?: string;
  /** performance.now() when the fake received it. */
  at: number;
  status: number;
  response: unknown;
  fault?: Fault;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  /** Who posted it: the bot's user id (and its bot_id), as Slack lists a bot's messages. */
  user?: string;
  bot_id?: string;
}

export const FAKE_BOT = { userId: "UBOT0FAKE", botId: "BBOT0FAKE", name: "article_bot" };
export const FAKE_TEAM = { id: "T0FAKE", domain: "fake-workspace" };
const DEFAULT_BOT_TOKEN = "xoxb-0000-fake-bot-token";
const DEFAULT_APP_TOKEN = "xapp-1-fake-app-token";

type Handler = (params: Record<string, unknown>, token: string | undefined) => Record<string, unknown>;

/** More of Slack on the same server (oauth.ts: the authorize page, OAuth methods, tokens per team). */
export interface FakeApiExtension {
  /** Serves a request outside the Web API (a page); true when it did. */
  page?(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Answers a Web API method itself, or undefined to leave it to the fake. */
  answer?(
    method: string,
    params: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> | undefined;
  /** A bot token the extension issued and still honours. */
  accepts?(token: string): boolean;
}

export class FakeSlackApi {
  /** The Web API base URL, ending in "/api/": hand it to the bot as SLACK_API_URL. */
  readonly url: string;
  readonly calls: RecordedCall[] = [];
  /** Block Kit limit violations seen in any payload; a test expects none. */
  readonly problems: string[] = [];
  readonly messages: StoredMessage[] = [];
  readonly botToken: string;
  readonly appToken: string;
  readonly bot: { userId: string; botId: string; name: string };

  private readonly users: Map<string, FakeUser>;
  private readonly channels: Map<string, FakeChannel>;
  private readonly faults: {
    method: string;
    fault: Fault;
    rule: Required<Pick<FaultRule, "times">> & FaultRule;
  }[] = [];
  private readonly waiters = new Set<{
    test: (c: RecordedCall) => boolean;
    resolve: (c: RecordedCall) => void;
  }>();
  private nextTs = 1;
  private nextResponseUrl = 1;
  private readonly extensions: FakeApiExtension[] = [];

  constructor(
    private readonly server: Server,
    private readonly options: FakeSlackApiOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/`;
    this.botToken = options.botToken ?? DEFAULT_BOT_TOKEN;
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.bot = options.bot ?? FAKE_BOT;
    this.users = new Map(Object.entries(options.users ?? {}));
    this.channels = new Map(Object.entries(options.channels ?? { C0GENERAL: { name: "general" } }));
  }

  /** A fresh response_url on this fake, as Slack puts one in every slash command. */
  responseUrl(): string {
    return `${this.url.replace(/api\/$/u, "")}response/${FAKE_TEAM.id}/${this.nextResponseUrl++}/secret`;
  }

  /** The next `times` calls to `method` (matching `when`) get `fault` instead of their answer. */
  failNext(method: string, fault: Fault, rule: FaultRule = {}): void {
    this.faults.push({ method, fault, rule: { times: 1, ...rule } });
  }

  extend(extension: FakeApiExtension): void {
    this.extensions.push(extension);
  }

  setUser(id: string, user: FakeUser): void {
    this.users.set(id, user);
  }

  setChannel(id: string, channel: FakeChannel): void {
    this.channels.set(id, channel);
  }

  /** A member's message (an @-mention of the bot), kept so the bot can answer in its thread; its ts. */
  say(channel: string, user: string, text: string, threadTs?: string): string {
    const ts = this.ts();
    this.messages.push({ channel, ts, text, user, ...(threadTs ? { thread_ts: threadTs } : {}) });
    return ts;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Everything sent back for one command: its ack, then each response_url post, in order. */
  answersTo(responseUrl: string): RecordedCall[] {
    return this.calls.filter((c) => c.responseUrl === responseUrl);
  }

  /** Resolves with the first call, recorded or still to come, that satisfies `test`. */
  waitFor(test: (c: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    const seen = this.calls.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (c: RecordedCall) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `no matching Slack call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ")}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Records a payload that reached Slack another way (an ack), checking its Block Kit limits. */
  record(call: Omit<RecordedCall, "at" | "status" | "response"> & Partial<RecordedCall>): RecordedCall {
    if (isMessage(call.params)) this.check(call.method, call.params);
    return this.push(call);
  }

  private push(call: Omit<RecordedCall, "at" | "status" | "response"> & Partial<RecordedCall>): RecordedCall {
    const full: RecordedCall = { at: performance.now(), status: 200, response: undefined, ...call };
    this.calls.push(full);
    for (const w of this.waiters) if (w.test(full)) w.resolve(full);
    return full;
  }

  close(): Promise<void> {
    for (const w of this.waiters) w.resolve = () => {};
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** @internal the HTTP entry point. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    if (this.extensions.some((e) => e.page?.(req, res, url))) return;
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const params = parseParams(raw, req.headers["content-type"]);
    const token =
      bearer(req.headers.authorization) ?? (typeof params.token === "string" ? params.token : undefined);
    const isResponseUrl = path.startsWith("/response/");
    const method = isResponseUrl ? "response_url" : path.replace(/^\/api\//u, "");
    const responseUrl = isResponseUrl ? `${this.url.replace(/api\/$/u, "")}${path.slice(1)}` : undefined;

    const fault = this.takeFault(method, params);
    if (fault?.delayMs) await sleep(fault.delayMs);
    let status = 200;
    let response: Record<string, unknown>;
    if (fault?.status !== undefined) {
      status = fault.status;
      response = { error: `HTTP ${fault.status}` };
      if (fault.retryAfter !== undefined) res.setHeader("Retry-After", String(fault.retryAfter));
    } else if (fault?.error) response = { ok: false, error: fault.error };
    else if (isResponseUrl) response = this.checked(method, params, () => ({ ok: true }));
    else response = this.answer(method, params, token);

    this.push({
      method,
      params,
      token,
      status,
      response,
      ...(responseUrl ? { responseUrl } : {}),
      ...(fault ? { fault } : {}),
    });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(status === 200 ? JSON.stringify(response) : `${status}`);
  }

  private takeFault(method: string, params: Record<string, unknown>): Fault | undefined {
    const i = this.faults.findIndex((f) => f.method === method && (f.rule.when?.(params) ?? true));
    const found = this.faults[i];
    if (!found) return undefined;
    found.rule.times -= 1;
    if (found.rule.times <= 0) this.faults.splice(i, 1);
    return found.fault;
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> {
    if (method === "apps.connections.open") {
      if (token !== this.appToken)
        return { ok: false, error: token?.startsWith("xoxb-") ? "not_allowed_token_type" : "invalid_auth" };
      const url = this.options.socketModeUrl?.();
      return url ? { ok: true, url } : { ok: false, error: "socket_mode_not_enabled" };
    }
    for (const e of this.extensions) {
      const answered = e.answer?.(method, params, token);
      if (answered) return answered;
    }
    if (token === undefined) return { ok: false, error: "not_authed" };
    if (token !== this.botToken && !this.extensions.some((e) => e.accepts?.(token)))
      return { ok: false, error: "invalid_auth" };
    const handler = this.handlers[method];
    return handler ? handler(params, token) : { ok: false, error: "unknown_method" };
  }

  private readonly handlers: Record<string, Handler> = {
    "auth.test": () => ({
      ok: true,
      url: `https://${FAKE_TEAM.domain}.slack.test/`,
      team: "Fake workspace",
      user: this.bot.name,
      team_id: FAKE_TEAM.id,
      user_id: this.bot.userId,
      bot_id: this.bot.botId,
    }),
    "users.info": (params) => {
      const id = String(params.user ?? "");
      const user = this.users.get(id);
      if (!user) return { ok: false, error: "user_not_found" };
      return {
        ok: true,
        user: {
          id,
          name: user.name ?? id.toLowerCase(),
          is_admin: false,
          is_owner: false,
          is_primary_owner: false,
          ...user,
        },
      };
    },
    "chat.postMessage": (params) =>
      this.checked("chat.postMessage", params, () => {
        const found = this.resolveChannel(params.channel);
        if ("error" in found) return { ok: false, error: found.error };
        const threadTs = params.thread_ts === undefined ? undefined : String(params.thread_ts);
        if (threadTs && !this.messages.some((m) => m.channel === found.id && m.ts === threadTs))
          return { ok: false, error: "thread_not_found" };
        const message: StoredMessage = {
          channel: found.id,
          ts: this.ts(),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(typeof params.text === "string" ? { text: params.text } : {}),
          ...(Array.isArray(params.blocks) ? { blocks: params.blocks } : {}),
          user: this.bot.userId,
          bot_id: this.bot.botId,
        };
        this.messages.push(message);
        return { ok: true, channel: found.id, ts: message.ts, message: listed(message) };
      }),
    "chat.postEphemeral": (params) =>
      this.checked("chat.postEphemeral", params, () => {
        const found = this.resolveChannel(params.channel);
        if ("error" in found) return { ok: false, error: found.error };
        return { ok: true, message_ts: this.ts() };
      }),
    // Newest first; messages in threads are not listed, their parents carry thread_ts and reply_count.
    "conversations.history": (params) => {
      const found = this.channelById(params.channel);
      if ("error" in found) return { ok: false, error: found.error };
      const top = this.messages.filter((m) => m.channel === found.id && m.thread_ts === undefined).reverse();
      return page(
        top.map((m) => this.withReplies(m)),
        params,
      );
    },
    // The parent first, then its replies oldest first.
    "conversations.replies": (params) => {
      const found = this.channelById(params.channel);
      if ("error" in found) return { ok: false, error: found.error };
      const parent = this.messages.find((m) => m.channel === found.id && m.ts === params.ts);
      if (!parent) return { ok: false, error: "thread_not_found" };
      const replies = this.messages.filter((m) => m.channel === found.id && m.thread_ts === parent.ts);
      return page([this.withReplies(parent), ...replies.map(listed)], params);
    },
    "chat.getPermalink": (params) => {
      const message = this.messages.find((m) => m.channel === params.channel && m.ts === params.message_ts);
      if (!message) return { ok: false, error: "message_not_found" };
      return {
        ok: true,
        channel: message.channel,
        permalink: `https://${FAKE_TEAM.domain}.slack.test/archives/${message.channel}/p${message.ts.replace(".", "")}`,
      };
    },
  };

  /** Slack refuses a payload outside Block Kit's limits with invalid_blocks; so does the fake. */
  private checked(method: string, params: Record<string, unknown>, answer: () => Record<string, unknown>) {
    return this.check(method, params).length > 0 ? { ok: false, error: "invalid_blocks" } : answer();
  }

  private check(method: string, params: Record<string, unknown>): string[] {
    const problems = blockKitProblems(params);
    for (const p of problems) this.problems.push(`${method}: ${p}`);
    return problems;
  }

  private resolveChannel(raw: unknown): { id: string } | { error: string } {
    const given = String(raw ?? "");
    const byName = [...this.channels].find(([, c]) => `#${c.name}` === given || c.name === given);
    const id = this.channels.has(given) ? given : byName?.[0];
    const channel = id === undefined ? undefined : this.channels.get(id);
    if (id === undefined || !channel) return { error: "channel_not_found" };
    if (channel.botIsMember === false) return { error: "not_in_channel" };
    return { id };
  }

  /** conversations.* take only IDs, and answer not_in_channel where the bot is not a member. */
  private channelById(raw: unknown): { id: string } | { error: string } {
    const id = String(raw ?? "");
    const channel = this.channels.get(id);
    if (!channel) return { error: "channel_not_found" };
    if (channel.botIsMember === false) return { error: "not_in_channel" };
    return { id };
  }

  private withReplies(m: StoredMessage): Record<string, unknown> {
    const replies = this.messages.filter((r) => r.channel === m.channel && r.thread_ts === m.ts);
    return replies.length === 0
      ? listed(m)
      : { ...listed(m), thread_ts: m.ts, reply_count: replies.length, latest_reply: replies.at(-1)?.ts };
  }

  private ts(): string {
    const n = this.nextTs++;
    return `${1_700_000_000 + n}.${String(n).padStart(6, "0")}`;
  }
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  let fake: FakeSlackApi | undefined;
  const server = createServer((req, res) => {
    fake?.handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake = new FakeSlackApi(server, options);
  return fake;
}

/** A stored message as Slack lists it: typed, without the channel, blocks given block ids. */
function listed({ channel: _channel, ...m }: StoredMessage): Record<string, unknown> {
  const blocks = (m.blocks ?? []) as Record<string, unknown>[];
  return { type: "message", ...m, blocks: blocks.map((b, i) => ({ block_id: `b${i}`, ...b })) };
}

/** One page as Slack answers it: `limit` items (default 100) from `cursor`, and the next cursor if any. */
function page(items: readonly unknown[], params: Record<string, unknown>): Record<string, unknown> {
  const limit = Math.min(Number(params.limit ?? 100) || 100, 1000);
  const from = typeof params.cursor === "string" ? Number(params.cursor.replace(/^page:/u, "")) : 0;
  const messages = items.slice(from, from + limit);
  const more = from + limit < items.length;
  return {
    ok: true,
    messages,
    has_more: more,
    response_metadata: { next_cursor: more ? `page:${from + limit}` : "" },
  };
}

const isMessage = (params: Record<string, unknown>) => "blocks" in params || "text" in params;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** The Web API client sends forms whose object fields (blocks) are JSON; response_url gets JSON. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/u.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const bearer = (header: string | undefined) => /^Bearer (.+)$/u.exec(header ?? "")?.[1];
