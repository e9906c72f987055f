import { DefaultRestOptions, type RateLimitData, type RESTOptions } from "discord.js";
import type { Logger } from "../../runtime/log.js";
import { redactUrl } from "./errors.js";

/**
 * Longest wait for a rate limit the bot accepts. discord.js waits out any 429 and its own pacing;
 * past this it fails the request instead, and the member or moderator is told to try again: an
 * interaction answer is useless after Discord's 3 seconds anyway, and a thread post can be
 * finished later by running it again.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/**
 * REST settings shared by the client and the bot's own no-retry REST client. Each 429 or 5xx
 * answer is logged once as a warning (discord.js retries them quietly); a request that finally
 * fails is logged by whoever made it, with the command.
 */
export function restOptions(apiUrl: string, log: Logger): Partial<RESTOptions> {
  return {
    api: apiUrl,
    rejectOnRateLimit: (limit: RateLimitData) =>
      Math.max(limit.retryAfter, limit.timeToReset) > MAX_RATE_LIMIT_WAIT_MS,
    async makeRequest(url, init) {
      const response = await DefaultRestOptions.makeRequest(url, init);
      if (response.status === 429 || response.status >= 500)
        log.warn(
          {
            platform: "discord",
            status: response.status,
            method: init.method,
            url: redactUrl(url),
            retryAfter: response.headers.get("retry-after") ?? undefined,
          },
          response.status === 429 ? "Discord rate-limited a request" : "Discord had a server error",
        );
      return response;
    },
  };
}
