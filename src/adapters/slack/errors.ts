/**
 * Slack's errors in one shape, the same exports as the Discord adapter's errors.ts: `errorFields`
 * for the log, `errorReason` for a member or moderator, and the few predicates the adapter needs.
 */
import { ErrorCode as BoltErrorCode, webApi } from "@slack/bolt";
import { Aborted } from "../../runtime/abort.js";

// A response_url's last segment is a secret that lets anyone answer as the bot for 30 minutes.
const RESPONSE_URL = /(\/(?:commands|actions|response)\/[^/\s]+\/[^/\s]+\/)[^\s/?"]+/gu;
export const redactUrl = (text: string): string => text.replace(RESPONSE_URL, "$1:secret");

/**
 * The parts of an error that are safe and useful in the log: the client's error code, Slack's own
 * `error`, the HTTP status and any Retry-After, the message with response_url secrets removed, and
 * the reason as the moderator reads it.
 * Never a request body (the whole article), headers or tokens.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  const e = error as
    | { name?: string; code?: string; statusCode?: number; retryAfter?: number; original?: Error }
    | undefined;
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {
    type: e?.name,
    message: redactUrl(error.message),
    reason: errorReason(error),
  };
  if (typeof e?.code === "string") fields.code = e.code;
  const slackCode = platformErrorCode(error);
  if (slackCode !== undefined) fields.error = slackCode;
  if (typeof e?.statusCode === "number") fields.status = e.statusCode;
  if (typeof e?.retryAfter === "number") fields.retryAfter = e.retryAfter;
  if (e?.original instanceof Error) fields.original = redactUrl(e.original.message);
  if (error.stack && !e?.code) fields.stack = redactUrl(error.stack);
  return fields;
}

/** What a failed Slack call means, in words a moderator can act on, always with Slack's own code. */
export function errorReason(error: unknown): string {
  if (error instanceof Aborted) return "the bot is restarting";
  const code = platformErrorCode(error);
  if (code !== undefined) return `${PLATFORM_ERRORS[code] ?? "Slack refused it"} (${code})`;
  const e = error as
    | { code?: string; statusCode?: number; retryAfter?: number; original?: Error }
    | undefined;
  switch (e?.code) {
    case webApi.ErrorCode.HTTPError:
      return `Slack answered HTTP ${e.statusCode}`;
    case webApi.ErrorCode.RateLimitedError:
      return rateLimited(e.retryAfter);
    case webApi.ErrorCode.RequestError: {
      // The client gives up on a 429 it was asked to wait out with a plain error naming the wait.
      const wait = RETRIES_EXHAUSTED.exec(e.original?.message ?? "");
      if (wait) return rateLimited(Number(wait[1]));
      if (e.original?.name === "TimeoutError") return TIMED_OUT;
      return `the bot could not reach Slack (${e.original?.message ?? "no answer"})`;
    }
    case BoltErrorCode.RespondError:
      return `Slack refused the reply (response_url answered HTTP ${e.statusCode})`;
  }
  if ((error as Error | undefined)?.name === "TimeoutError") return TIMED_OUT;
  return error instanceof Error ? error.message : String(error);
}

const TIMED_OUT = "Slack did not answer in time";

const rateLimited = (seconds: number | undefined) =>
  `Slack is rate-limiting the bot (HTTP 429; it asked to wait ${seconds ?? "?"} s)`;

const RETRIES_EXHAUSTED = /^A rate limit was exceeded \(.*retry-after: (\d+)\)$/u;

/** A 429 the caller should wait out itself (the thread poster's client does not wait on its own). */
export const retryAfterSeconds = (error: unknown): number | undefined => {
  const e = error as { code?: string; retryAfter?: number } | undefined;
  return e?.code === webApi.ErrorCode.RateLimitedError ? (e.retryAfter ?? 1) : undefined;
};

/** Slack's `error` from an `ok: false` answer, e.g. "not_in_channel". */
export function platformErrorCode(error: unknown): string | undefined {
  const e = error as Partial<webApi.WebAPIPlatformError> | undefined;
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** The bot cannot post there until someone invites it: the moderator is told how. */
export const needsInvite = (error: unknown): boolean => {
  const code = platformErrorCode(error);
  return code === "not_in_channel" || code === "channel_not_found";
};

const PLATFORM_ERRORS: Record<string, string> = {
  not_in_channel: "the bot is not a member of that channel",
  channel_not_found: "Slack cannot find that channel, or it is private and the bot is not in it",
  is_archived: "that channel is archived",
  rate_limited: "Slack is rate-limiting the bot",
  ratelimited: "Slack is rate-limiting the bot",
  msg_too_long: "the message was too long for Slack",
  invalid_blocks: "Slack rejected the message layout",
  restricted_action: "the workspace does not let the bot post there",
  missing_scope: "the app lacks a permission; reinstall it from the manifest",
  invalid_auth: "Slack rejected the token",
  account_inactive: "the bot's token was revoked",
  user_not_found: "Slack does not know that member",
};
