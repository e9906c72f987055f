/**
 * Starting the discussion thread on Discord, without leaving a second, empty thread behind when
 * Discord's answer is lost.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  type APIThreadChannel,
  ChannelType,
  type Client,
  DiscordAPIError,
  RateLimitError,
  type REST,
  type RESTGetAPIGuildThreadsResult,
  type RESTPostAPIChannelThreadsJSONBody,
  Routes,
  SnowflakeUtil,
  ThreadAutoArchiveDuration,
} from "discord.js";

const ATTEMPTS = 3;
/** Allowance for the bot's clock being behind Discord's when telling new threads from old ones. */
const CLOCK_SKEW_MS = 5_000;

export interface NewThread {
  guildId: string;
  channelId: string;
  type: ChannelType.GuildText | ChannelType.GuildAnnouncement;
  name: string;
  /** Who asked, for the audit log. */
  by: string;
}

/**
 * Starts a public thread. After a server error or a timeout it is unknown whether Discord created
 * the thread, so before trying again the bot looks for it among the server's active threads: a
 * blind retry (what discord.js does on its own, hence `once`, a REST client that never retries)
 * could leave a second, empty thread behind. A 4xx answer means Discord did nothing, and is final.
 *
 * A thread found that way is `found`: it may also be one the bot started for the same title a
 * moment earlier, so the caller reads what is in it before posting.
 */
export async function createThread(
  client: Client<true>,
  once: REST,
  thread: NewThread,
): Promise<{ id: string; found: boolean }> {
  const since = Date.now() - CLOCK_SKEW_MS;
  const body = threadBody(thread);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = (await once.post(Routes.threads(thread.channelId), {
        body,
        reason: `/article post by ${thread.by}`,
      })) as APIThreadChannel;
      return { id: created.id, found: false };
    } catch (error) {
      if (attempt === ATTEMPTS || error instanceof DiscordAPIError || error instanceof RateLimitError)
        throw error;
      await sleep(250 * attempt);
      const existing = await findThread(client, thread, since).catch(() => undefined);
      if (existing) return { id: existing, found: true };
    }
  }
}

/** The request that starts the thread: public (or an announcement thread), archived after a week of quiet. */
export function threadBody(thread: Pick<NewThread, "name" | "type">): RESTPostAPIChannelThreadsJSONBody {
  return {
    name: thread.name,
    // Without a type Discord creates a private thread; announcement channels take their own kind.
    type:
      thread.type === ChannelType.GuildAnnouncement
        ? ChannelType.AnnouncementThread
        : ChannelType.PublicThread,
    auto_archive_duration: ThreadAutoArchiveDuration.OneWeek,
  };
}

/**
 * The newest active thread the bot started in the channel under this name (since `since`, when
 * given): the one a re-run resumes after a failure, a lost answer or a restart.
 */
export async function findThread(
  client: Client<true>,
  thread: Pick<NewThread, "guildId" | "channelId" | "name">,
  since = 0,
): Promise<string | undefined> {
  const { threads } = (await client.rest.get(
    Routes.guildActiveThreads(thread.guildId),
  )) as RESTGetAPIGuildThreadsResult;
  return threads
    .filter(
      (t) =>
        "parent_id" in t &&
        t.parent_id === thread.channelId &&
        t.name === thread.name &&
        "owner_id" in t &&
        t.owner_id === client.user.id &&
        SnowflakeUtil.timestampFrom(t.id) >= since,
    )
    .map((t) => t.id)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? 1 : -1))[0];
}
