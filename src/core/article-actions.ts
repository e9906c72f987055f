/**
 * What /article add, use and list need done before their pure replies: the page fetched and
 * stored, the channel's article set, the list read, all through the library. Each needs a
 * workspace or server: the console has its own.
 */

import type { Logger } from "../runtime/log.js";
import type { ChannelKey } from "./article-shelf.js";
import type { CommandContext, Need } from "./command.js";
import type { Invocation } from "./invocation.js";
import type { ArticleLibrary } from "./library.js";
import { type ModeratorRecords, RecordsUnavailable } from "./records.js";
import { Refused } from "./refused.js";

/** What a command that `needs` data waits on; rejects with Refused for a reason a moderator reads. */
export type Loader = (
  invocation: Invocation,
  options: Record<string, unknown>,
) => Promise<Partial<CommandContext>>;
export type Loaders = Partial<Record<Need, Loader>>;

/**
 * The loads, recording /article add and /article use in the moderator records when there are
 * any (a record that cannot be written is logged; the action itself stands).
 */
export function articleLoaders(
  library: ArticleLibrary,
  records: ModeratorRecords | undefined,
  log: Logger,
): Loaders {
  const record = async (invocation: Invocation, action: string, article: string, detail?: string) => {
    const at = channelOf(invocation);
    if (!records || !at) return;
    const event = {
      ...at,
      actor: invocation.user.id,
      action,
      article: article.slice(0, 200),
      outcome: detail === undefined ? ("finished" as const) : ("failed" as const),
      ...(detail === undefined ? {} : { detail: detail.slice(0, 200) }),
    };
    // Awaited, so that /article history asked next already shows it.
    await records.record(event).catch((error: unknown) => {
      if (!(error instanceof RecordsUnavailable)) log.error({ err: error, action }, "could not record");
    });
  };
  return {
    "article-add": async (invocation, options) => {
      const at = placeOf(invocation);
      const url = String(options.url);
      try {
        const added = await library.add(url, {
          platform: at.platform,
          workspace: at.workspace,
          user: invocation.user.id,
        });
        await record(invocation, "article add", added.article.title);
        return { added };
      } catch (error) {
        if (error instanceof Refused) await record(invocation, "article add", url, error.message);
        throw error;
      }
    },
    "article-use": async (invocation, options) => {
      const chosen = await library.use(placeOf(invocation), String(options.name));
      await record(invocation, "article use", chosen.title);
      return { chosen };
    },
    "article-list": async (invocation) => ({ listing: await library.list(placeOf(invocation)) }),
  };
}

/** The platform, workspace and channel a command ran in, when it ran in one. */
export const channelOf = (invocation: Pick<Invocation, "platform" | "where">): ChannelKey | undefined =>
  invocation.where && {
    platform: invocation.platform,
    workspace: invocation.where.workspace,
    channel: invocation.where.channel,
  };

function placeOf(invocation: Pick<Invocation, "platform" | "where">): ChannelKey {
  const at = channelOf(invocation);
  if (!at) throw new Refused("Articles can be added and chosen only in a server or workspace channel.");
  return at;
}
