/**
 * Events API deliveries as Slack makes them: an `event_callback` envelope with its event_id, sent
 * as signed JSON to the bot's Request URL (HTTP mode, with X-Slack-Retry-Num on a retry) or as an
 * `events_api` envelope over Socket Mode (with retry_attempt). The answer is only the ack: what
 * the bot then says goes through the fake Web API, where the test reads it.
 */
import { randomUUID } from "node:crypto";
import { type HttpAnswer, postSigned } from "./slash-command.js";
import type { FakeSocketMode } from "./socket-mode.js";
import { FAKE_TEAM } from "./web-api.js";

export interface EventOptions {
  /** Default a fresh one; reuse one to deliver the same event again (a retry). */
  eventId?: string;
  team?: string;
  enterprise?: string;
  /** A retry: Slack's attempt number (1, 2, 3) and reason. */
  retry?: { num: number; reason?: string };
}

/** The outer envelope of one event, as both transports carry it. */
export function eventCallback(
  event: Record<string, unknown>,
  options: EventOptions = {},
): Record<string, unknown> {
  const team = options.team ?? FAKE_TEAM.id;
  return {
    token: "legacy-verification-token",
    team_id: team,
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    api_app_id: "A0FAKE",
    type: "event_callback",
    event_id: options.eventId ?? `Ev${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: "UBOT0FAKE", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event,
  };
}

/** An `app_mention` event: `text` as Slack writes it, with `<@UBOT0FAKE>` for the mention. */
export function appMention(
  text: string,
  fields: { user?: string; channel?: string; ts?: string; thread_ts?: string; team?: string } = {},
): Record<string, unknown> {
  const ts =
    fields.ts ??
    `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  return {
    type: "app_mention",
    user: fields.user ?? "U0MEMBER",
    text,
    ts,
    channel: fields.channel ?? "C0GENERAL",
    event_ts: ts,
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
    ...(fields.team ? { team: fields.team } : {}),
  };
}

export interface EventSender {
  /** Delivers one event; resolves with the transport's ack (HTTP: status and body). */
  send(event: Record<string, unknown>, options?: EventOptions): Promise<{ eventId: string; status?: number }>;
}

/** Events as signed JSON POSTs to the Request URL (HTTP mode). */
export function httpEvents(url: string, secret: string): EventSender {
  return {
    async send(event, options = {}) {
      const body = eventCallback(event, options);
      const answer: HttpAnswer = await postSigned(url, secret, JSON.stringify(body), {
        contentType: "application/json",
        headers: options.retry
          ? {
              "x-slack-retry-num": String(options.retry.num),
              "x-slack-retry-reason": options.retry.reason ?? "http_timeout",
            }
          : {},
      });
      return { eventId: String(body.event_id), status: answer.status };
    },
  };
}

/** Events as events_api envelopes over the fake Socket Mode connection. */
export function socketEvents(socket: FakeSocketMode): EventSender {
  return {
    async send(event, options = {}) {
      const body = eventCallback(event, options);
      await socket.send(
        "events_api",
        body,
        undefined,
        options.retry
          ? { retry_attempt: options.retry.num, retry_reason: options.retry.reason ?? "timeout" }
          : undefined,
      );
      return { eventId: String(body.event_id) };
    },
  };
}
