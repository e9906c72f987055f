/**
 * Discord's errors in the one shape every adapter uses: `errorFields` for the log, `errorReason`
 * for the member or moderator, and the predicates the Discord adapter needs.
 */
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";

// Interaction tokens travel in webhook and callback URLs; they let anyone answer as the bot.
const TOKEN_IN_URL = /\/(webhooks|interactions)\/(\d+)\/[^/?]+/gu;
export const redactUrl = (url: string): string => url.replace(TOKEN_IN_URL, "/$1/$2/:token");

/**
 * The parts of an error that are safe and useful in the log: status, Discord's error code, the
 * route with any interaction token removed. Never the request body (the whole article) or headers.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return {
      type: "DiscordAPIError",
      status: error.status,
      code: error.code,
      message: error.message,
      method: error.method,
      url: redactUrl(error.url),
    };
  if (error instanceof HTTPError)
    return { type: "HTTPError", status: error.status, method: error.method, url: redactUrl(error.url) };
  if (error instanceof RateLimitError)
    return { type: "RateLimitError", method: error.method, route: error.route, retryAfter: error.retryAfter };
  if (error instanceof Error)
    return { type: error.name, message: redactUrl(error.message), stack: error.stack };
  return { message: String(error) };
}

/**
 * Why a request failed, in words a member or moderator can act on (no trailing period); the caller
 * says where and what next.
 */
export function errorReason(error: unknown): string {
  if (isTokenError(error)) return TOKEN_REJECTED;
  if (error instanceof DiscordAPIError) {
    switch (error.code) {
      case RESTJSONErrorCodes.MissingPermissions:
        return "the bot is missing a permission there (Discord: Missing Permissions)";
      case RESTJSONErrorCodes.MissingAccess:
        return "the bot cannot see that channel (Discord: Missing Access)";
      case RESTJSONErrorCodes.UnknownChannel:
        return "the channel no longer exists (Discord: Unknown Channel)";
      case RESTJSONErrorCodes.ThreadLocked:
      case RESTJSONErrorCodes.InvalidActionOnArchivedThread:
        return `the thread is locked or archived (Discord: ${error.message})`;
      case RESTJSONErrorCodes.MaximumActiveThreads:
        return "the server has reached Discord's limit of active threads";
    }
    if (error.status === 429) return "Discord is rate-limiting the bot right now";
    return `Discord refused it (HTTP ${error.status}, code ${error.code}: ${error.message.split("\n")[0]})`;
  }
  if (error instanceof RateLimitError) return "Discord is rate-limiting the bot right now";
  if (error instanceof HTTPError) return `Discord had a server error (HTTP ${error.status})`;
  if (unreachable(error)) return "the bot could not reach Discord";
  return "something went wrong in the bot (it has been logged)";
}

/** What members and moderators are told once Discord has refused the bot's token. */
export const TOKEN_REJECTED = "Discord says the bot's token is no longer valid (401 Unauthorized)";
export const RESET_TOKEN =
  "Whoever runs the bot must reset its token (Developer Portal → Bot) and restart it";

/**
 * A 401 on a request made with the bot's token, or one made after it: discord.js forgets the
 * token on a 401, and every later request fails with "Expected token to be set".
 */
export const isTokenError = (error: unknown): boolean =>
  (error instanceof DiscordAPIError && error.status === 401) ||
  (error instanceof Error && /^Expected token to be set/u.test(error.message));

/** Missing Permissions or Missing Access: fixed by a server admin, not by trying again. */
export const isPermissionError = (error: unknown): boolean =>
  error instanceof DiscordAPIError &&
  (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);

/** Timeouts and refused or dropped connections, as undici reports them. */
function unreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = error.cause as { code?: unknown } | undefined;
  return error.name === "AbortError" || error.name === "TimeoutError" || typeof cause?.code === "string";
}
