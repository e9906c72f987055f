import {
  type ChatInputCommandInteraction,
  MessageFlags,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from "discord.js";
import type { ThreadPlan } from "../../../core/reply.js";
import { Aborted, unlessAborted } from "../../../runtime/abort.js";
import type { NamedPermission } from "../access.js";
import { errorFields } from "../errors.js";
import type { DiscordContext } from "../inbound.js";
import { type Progress, progress } from "../progress.js";
import { NO_MENTIONS } from "../render/limits.js";
import * as report from "../render/report.js";
import { renderThread, type ThreadPart, threadName } from "../render/thread.js";
import { createThread } from "./create.js";
import { CHECKED_AT_MOST, type Found, findPosted } from "./history.js";
import { findTarget } from "./target.js";

type Log = (message: string, error: unknown, fields?: Record<string, unknown>) => void;

/**
 * /article post: defer (posting takes longer than Discord's 3 seconds), find the thread (reading
 * which parts are already in it) or create one, post the missing parts in order while the
 * moderator's ephemeral reply shows progress, and end with what was posted, or exactly what is
 * and is not in the thread when Discord refuses something or the bot has to stop.
 */
export async function postThread(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
  plan: ThreadPlan,
  logContext: Record<string, unknown>,
): Promise<void> {
  const { bot, log, client, stopping } = ctx;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const status = progress(
    (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
    (error) => log.warn({ ...logContext, cause: errorFields(error) }, "progress update failed"),
  );
  const fail: Log = (message, error, fields = {}) =>
    log.error({ ...logContext, ...fields, cause: errorFields(error) }, message);

  const target = await findTarget(client, interaction, plan);
  if (target.kind === "problem") return status.finish(target.message);
  const parts = renderThread(plan, bot.article);

  let threadId = target.id;
  let found: Found = { present: new Set(), complete: true };
  let existing = target.kind === "thread";
  const name = threadName(plan);
  try {
    if (target.kind === "channel") {
      status.show(report.creating(target.id));
      const created = await unlessAborted(
        createThread(client, ctx.once, {
          guildId: interaction.guildId ?? "",
          channelId: target.id,
          type: target.type,
          name,
          by: interaction.user.username,
        }),
        stopping,
      );
      threadId = created.id;
      existing = created.found;
    }
    if (existing) {
      status.show(report.checking(threadId));
      found = await unlessAborted(findPosted(client, threadId, parts), stopping);
    }
  } catch (error) {
    if (error instanceof Aborted)
      return existing
        ? cutShort(status, fail, report.notStarted(), { thread: threadId })
        : cutShort(status, fail, report.notStarted(target.id, name), { channel: target.id });
    if (existing) {
      fail("reading the thread failed", error, { thread: threadId });
      return status.finish(report.notRead(threadId, error));
    }
    fail("thread creation failed", error, { channel: target.id });
    return status.finish(report.notCreated(target.id, error, target.needs));
  }

  await postParts(ctx, {
    interaction,
    status,
    fail,
    logContext,
    parts,
    threadId,
    found,
    needs: target.needs,
  });
}

interface Posting {
  interaction: ChatInputCommandInteraction;
  status: Progress;
  fail: Log;
  logContext: Record<string, unknown>;
  parts: readonly ThreadPart[];
  threadId: string;
  found: Found;
  needs: readonly NamedPermission[];
}

/** Posts the parts not found in the thread, in order; stops at the first refusal or at shutdown. */
async function postParts(ctx: DiscordContext, p: Posting): Promise<void> {
  const { parts, threadId, status } = p;
  const present = new Set(p.found.present);
  const missing = parts.map((_, i) => i).filter((i) => !present.has(i));
  const posted: number[] = [];
  for (const [n, i] of missing.entries()) {
    const where = { thread: threadId, part: i + 1, of: parts.length };
    const stop = (unsure: boolean, cause: report.StopCause) =>
      status.finish(report.stopped({ parts, present, at: i, unsure, threadId, cause }));
    if (ctx.stopping.aborted) {
      p.fail("thread post cut short by shutdown", SHUTDOWN, where);
      return stop(false, { kind: "shutdown" });
    }
    status.show(report.posting(n + 1, missing.length, threadId));
    try {
      const body = messageBody(parts[i] as ThreadPart, `${p.interaction.id}:${i}`);
      await unlessAborted(
        ctx.client.rest.post(Routes.channelMessages(threadId), { body }),
        ctx.stopping,
        true,
      );
    } catch (error) {
      if (error instanceof Aborted) {
        p.fail("thread post cut short by shutdown", SHUTDOWN, where);
        return stop(error.sending, { kind: "shutdown" });
      }
      p.fail("posting to the thread failed", error, where);
      return stop(false, { kind: "refused", error, needs: p.needs });
    }
    present.add(i);
    posted.push(i);
  }
  ctx.log.info(
    {
      ...p.logContext,
      thread: threadId,
      posted: posted.length,
      found: p.found.present.size,
      checkedWholeThread: p.found.complete,
    },
    "article posted",
  );
  const note = p.found.complete ? "" : ` ${report.partlyChecked(CHECKED_AT_MOST)}`;
  await status.finish(`${report.done(parts, p.found.present, posted, threadId)}${note}`);
}

/** One part as Discord receives it: nobody pinged, and a nonce so a retried request posts it once. */
export function messageBody(part: ThreadPart, nonce: string): RESTPostAPIChannelMessageJSONBody {
  return {
    ...part.message,
    allowed_mentions: NO_MENTIONS,
    // Discord drops a repeat of a recent nonce, so a request discord.js retries after a timeout or
    // a server error cannot post the same part twice.
    nonce,
    enforce_nonce: true,
  };
}

// Logged as the cause when a shutdown cuts a post short: not an Error, so no stack trace.
const SHUTDOWN = "the bot is stopping (SIGTERM or SIGINT)";

function cutShort(
  status: Progress,
  fail: Log,
  message: string,
  fields: Record<string, unknown>,
): Promise<void> {
  fail("thread post cut short by shutdown", SHUTDOWN, fields);
  return status.finish(message);
}
