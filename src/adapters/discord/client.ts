/**
 * The discord.js Client (Guilds intent only: slash commands need no privileged intents) and the
 * bot's own no-retry REST client, with the REST settings they share.
 */
import {
  Client,
  DefaultRestOptions,
  GatewayIntentBits,
  Options,
  type RateLimitData,
  REST,
  RESTEvents,
  type RESTOptions,
} from "discord.js";
import { Agent } from "undici";
import type { BotObserver } from "../../core/observe.js";
import type { Logger } from "../../runtime/log.js";
import { redactUrl } from "./errors.js";
import { guardedShards } from "./gateway/shards.js";
import { NO_MENTIONS } from "./render/limits.js";
import type { DiscordSettings } from "./settings.js";
import { handingOver, type SessionLink } from "./shards/resume.js";

/**
 * Longest wait for a rate limit the bot accepts. discord.js waits out any 429 and its own pacing;
 * past this it fails the request instead, and the member or moderator is told to try again: an
 * interaction answer is useless after Discord's 3 seconds anyway, and a thread post can be
 * finished later by running it again.
 */
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/**
 * discord.js keeps every user and member it ever saw (one per member who runs a command, about
 * 0.7 KiB each) and never sweeps them. The bot needs none of them after the interaction, except its
 * own user and member (for its permissions in other channels): the most recent are kept, the
 * oldest dropped.
 */
/**
 * Sockets to Discord's API at most, shared by both REST clients. Without a bound undici opens one
 * per request in flight: a burst of 5,000 interactions took about 4,200 file descriptors, and
 * under the common `ulimit -n 1024` most answers failed with EMFILE. Requests beyond it wait for a
 * free socket (keep-alive, so they go out at once); discord.js's own pacing keeps the queue short.
 */
const REST_CONNECTIONS = 64;

export const CACHE_LIMITS = { users: 1_000, members: 1_000 };

export interface Clients {
  client: Client;
  /** A REST client that never retries on its own, for requests that are not safe to repeat blindly. */
  once: REST;
  /** Set once Discord answers 401 to a request made with the bot's token. */
  token: TokenState;
  /** The sockets both REST clients share; closed after the client is destroyed. */
  agent: Agent;
}

/**
 * A 401 from Discord means the token is no longer valid (reset, or the bot deleted): no retry or
 * restart fixes that, and discord.js forgets the token on the spot. The adapter turns unhealthy,
 * says so once in the log, and tells moderators plainly instead of "try again".
 */
export interface TokenState {
  rejected: boolean;
}

/** `sessions`: a shard process's link to its manager, to resume the session handed over. */
export function createClients(
  settings: DiscordSettings,
  log: Logger,
  observer?: BotObserver,
  sessions?: SessionLink,
): Clients {
  const token: TokenState = { rejected: false };
  const agent = new Agent({ connections: REST_CONNECTIONS });
  const rest = restOptions(settings.apiUrl, agent, log, () => {
    if (token.rejected) return;
    token.rejected = true;
    log.error(
      "Discord rejected the bot's token (401 Unauthorized): it is no longer valid. Reset it in the Developer Portal → your app → Bot, put the new one in DISCORD_TOKEN and restart the bot",
    );
  });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: CACHE_LIMITS.users, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: {
        maxSize: CACHE_LIMITS.members,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
    }),
    // A gateway frame discord.js cannot read costs that event, not the process.
    ws: { buildStrategy: sessions ? handingOver(guardedShards(log), sessions) : guardedShards(log) },
    // Also set on every message we send; this covers anything discord.js sends on its own.
    allowedMentions: NO_MENTIONS,
  });
  // Thread creation is retried by the bot itself, after checking Discord did not create it already.
  const once = new REST({ ...rest, retries: 0 }).setToken(settings.token);
  if (observer) for (const r of [client.rest, once]) observe(r, observer);
  return { client, once, token, agent };
}

/** GET /metrics: each error status Discord answers, and each request its rate limits hold back. */
function observe(rest: REST, observer: BotObserver): void {
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status < 400) return;
    observer.platformError("discord", response.status);
    if (response.status === 429) observer.rateLimited("discord");
  });
  rest.on(RESTEvents.RateLimited, () => observer.rateLimited("discord"));
}

/**
 * REST settings shared by the client and the no-retry REST client. Each 429 or 5xx answer is
 * logged once as a warning (discord.js retries them quietly); a request that finally fails is
 * logged by whoever made it, with the command. A 401 to the bot's token calls `rejected`.
 */
function restOptions(apiUrl: string, agent: Agent, log: Logger, rejected: () => void): Partial<RESTOptions> {
  return {
    api: apiUrl,
    agent,
    rejectOnRateLimit: (limit: RateLimitData) =>
      Math.max(limit.retryAfter, limit.timeToReset) > MAX_RATE_LIMIT_WAIT_MS,
    async makeRequest(url, init) {
      const response = await DefaultRestOptions.makeRequest(url, init);
      // Interaction answers carry their own token, not the bot's: only a 401 to the bot's counts.
      if (
        response.status === 401 &&
        new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).has("authorization")
      )
        rejected();
      if (response.status === 429 || response.status >= 500)
        log.warn(
          {
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
