/**
 * The Web API clients of each workspace the bot serves, keyed by the bot token Bolt's authorize
 * found for the request: one token (SLACK_BOT_TOKEN) in the single-workspace setups, one per
 * installation with OAuth. Each token gets its clients and its identity (auth.test, asked once per
 * process) the first time a command needs them; the least recently used are forgotten past a bound.
 */
import { webApi } from "@slack/bolt";
import { LRUCache } from "lru-cache";
import type { ClientOptions, SlackIdentity } from "./client.js";

export interface Workspace {
  /** Reads (history, permalinks, users.info) and answers posted directly; retries as configured. */
  client: webApi.WebClient;
  /** Posts thread messages; refuses a 429 instead of waiting, so the sink waits abortably. */
  poster: webApi.WebClient;
  /** Who the bot is in this workspace (auth.test once; known at start for SLACK_BOT_TOKEN). */
  identity(): Promise<SlackIdentity>;
}

const MAX_WORKSPACES = 1_000;

export class Workspaces {
  private readonly byToken = new LRUCache<string, Workspace>({ max: MAX_WORKSPACES });

  constructor(private readonly options: ClientOptions) {}

  /** The workspace of `token`; `known` is its identity when already asked (the start-up check). */
  for(token: string, known?: SlackIdentity): Workspace {
    const cached = this.byToken.get(token);
    if (cached) return cached;
    const client = new webApi.WebClient(token, { ...this.options });
    let asked: Promise<SlackIdentity> | undefined = known && Promise.resolve(known);
    const workspace: Workspace = {
      client,
      poster: new webApi.WebClient(token, { ...this.options, rejectRateLimitedCalls: true }),
      identity() {
        asked ??= client.auth.test().then(
          (who) => ({ botUserId: who.user_id ?? "", botId: who.bot_id ?? "", botName: who.user ?? "" }),
          (error: unknown) => {
            asked = undefined; // asked again next time
            throw error;
          },
        );
        return asked;
      },
    };
    this.byToken.set(token, workspace);
    return workspace;
  }

  /** Forgets a token Slack revoked, so nothing keeps using it. */
  forget(token: string): void {
    this.byToken.delete(token);
  }
}
