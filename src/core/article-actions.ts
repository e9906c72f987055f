/**
 * What /article add, use and list need done before their pure replies: the page fetched and
 * stored, the channel's article set, the list read, all through the library. Each needs a
 * workspace or server: the console has its own.
 */
import type { ChannelKey } from "./article-shelf.js";
import type { CommandContext, Need } from "./command.js";
import type { Invocation } from "./invocation.js";
import type { ArticleLibrary } from "./library.js";
import { Refused } from "./refused.js";

type Loader = (invocation: Invocation, options: Record<string, unknown>) => Promise<Partial<CommandContext>>;

export function articleLoaders(library: ArticleLibrary): Partial<Record<Need, Loader>> {
  return {
    "article-add": async (invocation, options) => {
      const at = placeOf(invocation);
      const by = { platform: at.platform, workspace: at.workspace, user: invocation.user.id };
      return { added: await library.add(String(options.url), by) };
    },
    "article-use": async (invocation, options) => ({
      chosen: await library.use(placeOf(invocation), String(options.name)),
    }),
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
