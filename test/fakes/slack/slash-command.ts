import { createHmac } from "node:crypto";
import type { FakeSocketMode } from "./socket-mode.js";
import { FAKE_TEAM, type FakeSlackApi } from "./web-api.js";

/**
 * Slash commands as Slack sends them: the form fields of the payload, signed HTTP requests to the
 * bot's Request URL, and the same payload over Socket Mode. Either way the ack is recorded on the
 * fake Web API (method "ack", checked against Block Kit limits) beside the response_url posts that
 * follow it, so a test reads one command's whole answer with `api.answersTo(responseUrl)`.
 */
export interface SlashCommandFields {
  /** "/quote", with its slash. */
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  response_url?: string;
}

export const MEMBER = { user_id: "U0MEMBER", user_name: "member" };

export function slashCommandPayload(fields: SlashCommandFields, api: FakeSlackApi): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: FAKE_TEAM.id,
    team_domain: FAKE_TEAM.domain,
    channel_id: "C0GENERAL",
    channel_name: "general",
    ...MEMBER,
    api_app_id: "A0FAKE",
    is_enterprise_install: "false",
    response_url: api.responseUrl(),
    trigger_id: `${Date.now()}.fake.trigger`,
    text: "",
    ...fields,
  };
}

/** `v0=` + HMAC-SHA256 of `v0:timestamp:body` with the signing secret, as Slack signs requests. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignOptions {
  /** Seconds since the epoch; default now. Older than five minutes is stale. */
  timestamp?: number;
  /** Send this instead of the right signature. */
  signature?: string;
  /** Send no X-Slack-Signature header at all. */
  unsigned?: boolean;
  /** Default application/x-www-form-urlencoded, as Slack sends slash commands. */
  contentType?: string;
  /** Extra headers, such as X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  body: string;
  json: Record<string, unknown> | undefined;
}

/** POSTs a form-encoded body to `url` signed with `secret` (or deliberately not). */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: SignOptions = {},
): Promise<HttpAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    ...options.headers,
  };
  if (!options.unsigned)
    headers["x-slack-signature"] = options.signature ?? signature(secret, timestamp, body);
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, body: text, json };
}

/** What a command got straight away; follow-ups arrive at `responseUrl` on the fake. */
export interface CommandAnswer {
  responseUrl: string;
  /** The ack's payload (the immediate answer), if it carried one. */
  ack: Record<string, unknown> | undefined;
  /** HTTP mode: the status Bolt answered with. */
  status?: number;
  /** From sending the command to receiving its ack, as Slack times it (it gives up after 3 s). */
  elapsedMs: number;
}

/** Sends `/quote grants private` (or a payload) the way one transport would. */
export interface CommandSender {
  command(line: string, fields?: Partial<SlashCommandFields>): Promise<CommandAnswer>;
}

const split = (line: string): SlashCommandFields => {
  const [command = "", ...rest] = line.trim().split(/\s+/u);
  return { command, text: rest.join(" ") };
};

/** Slash commands as signed HTTP requests to the bot's Request URL (HTTP mode). */
export function httpCommands(api: FakeSlackApi, url: string, secret: string): CommandSender {
  return {
    async command(line, fields = {}) {
      const payload = slashCommandPayload({ ...split(line), ...fields }, api);
      const sent = performance.now();
      const answer = await postSigned(url, secret, new URLSearchParams(payload).toString());
      const elapsedMs = performance.now() - sent;
      const responseUrl = payload.response_url ?? "";
      if (answer.json) api.record({ method: "ack", params: answer.json, responseUrl });
      return { responseUrl, ack: answer.json, status: answer.status, elapsedMs };
    },
  };
}

/** Slash commands as slash_commands envelopes over the fake Socket Mode connection. */
export function socketCommands(api: FakeSlackApi, socket: FakeSocketMode): CommandSender {
  return {
    async command(line, fields = {}) {
      const payload = slashCommandPayload({ ...split(line), ...fields }, api);
      const sent = performance.now();
      const ack = await socket.slashCommand(payload);
      const responseUrl = payload.response_url ?? "";
      if (ack.payload && Object.keys(ack.payload).length > 0)
        api.record({ method: "ack", params: ack.payload, responseUrl });
      return { responseUrl, ack: ack.payload, elapsedMs: ack.at - sent };
    },
  };
}
