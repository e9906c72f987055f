/**
 * One interaction in, exactly one answer out, whatever happens: the command's reply, a thread
 * post with its status line, or a short ephemeral apology when something fails (logged with
 * context). Nothing thrown here reaches discord.js or the process.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  type REST,
} from "discord.js";
import { answer, answersSlowly, type Bot } from "../../core/answer.js";
import { commandPath } from "../../core/command.js";
import type { Invocation } from "../../core/invocation.js";
import type { Outcome, ThreadPlan } from "../../core/reply.js";
import { describeReport, describeStep } from "../../core/thread/describe.js";
import { type Progress, progress } from "../../core/thread/progress.js";
import { postRecorded, recordFailed, recordsFor } from "../../core/thread/recorded.js";
import { within } from "../../runtime/abort.js";
import type { Logger } from "../../runtime/log.js";
import { suggest } from "./autocomplete.js";
import type { TokenState } from "./client.js";
import { type DiscordConfirmations, handleButton, type PostRequest, showPreview } from "./confirm.js";
import { errorFields, RESET_TOKEN, TOKEN_REJECTED } from "./errors.js";
import { toInvocation } from "./invocation.js";
import { NO_MENTIONS } from "./render/limits.js";
import { renderOnce } from "./render/once.js";
import { reportWords } from "./render/report.js";
import { renderThread, threadName } from "./render/thread.js";
import { sendReply, tell } from "./respond.js";
import { discordSink } from "./thread/sink.js";
import { findTarget } from "./thread/target.js";
import { whereOf } from "./where.js";

/** What handling an interaction needs besides the interaction itself. */
export interface DiscordContext {
  bot: Bot;
  /** The bot's log with `platform: "discord"` on every line. */
  log: Logger;
  client: Client<true>;
  /** A REST client that never retries on its own, for requests that are not safe to repeat blindly. */
  once: REST;
  /** Whether Discord has rejected the bot's token (then nothing can be posted). */
  token: TokenState;
  /** Aborted when the bot must stop: a thread post stops at once and says exactly where it got to. */
  stopping: AbortSignal;
  /** /article post previews waiting for Post or Cancel. */
  confirmations: DiscordConfirmations;
}

/** Discord fails an interaction not answered within 3 s; this leaves time to send the deferral. */
const DEFER_AFTER_MS = 2_000;

const SORRY = "Sorry, that failed on our side. It has been logged; please try again in a moment.";

export async function handleInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) return autocomplete(ctx, interaction);
  if (interaction.isButton()) return button(ctx, interaction);
  if (!interaction.isChatInputCommand()) return;
  try {
    const invocation = { ...toInvocation(interaction), where: whereOf(interaction) };
    const outcome = await answerOf(ctx, interaction, invocation);
    if (outcome.kind === "thread") await postArticle(ctx, interaction, outcome);
    else
      await sendReply(
        interaction,
        renderOnce(outcome, await ctx.bot.library.textOf(outcome)),
        outcome.visibility,
      );
  } catch (error) {
    // Built only when needed: most commands never log, and this runs for every one of them.
    const context = logContext(interaction);
    ctx.log.error({ ...context, cause: errorFields(error) }, "discord command failed");
    await tell(interaction, SORRY).catch((e: unknown) =>
      ctx.log.warn({ ...context, cause: errorFields(e) }, "could not tell the member about the failure"),
    );
  }
}

/**
 * The core's answer, deferred on the way when it takes a while: at once for a slow command (a
 * fetch and a build, whose CPU work would hold up a timer), else after DEFER_AFTER_MS (a database
 * that is slow to say which article a channel reads). A deferred answer edits the deferral.
 */
async function answerOf(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
  invocation: Invocation,
): Promise<Outcome> {
  const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (answersSlowly(ctx.bot, invocation)) {
    await defer();
    return answer(ctx.bot, invocation);
  }
  const asked = answer(ctx.bot, invocation);
  const outcome = await within(asked, DEFER_AFTER_MS);
  if (outcome !== undefined) return outcome;
  await defer();
  return asked;
}

/**
 * /article post: defer (posting takes longer than Discord's 3 seconds), check the bot may post
 * where it goes, then show the moderator a preview with Post and Cancel (confirm.ts), or with
 * confirm:false post at once.
 */
async function postArticle(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
  plan: ThreadPlan,
): Promise<void> {
  if (!interaction.deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const log = ctx.log.child(logContext(interaction));
  const status = progress(
    (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
    (error) => log.warn({ cause: errorFields(error) }, "progress update failed"),
  );
  const here = { ...recordedBy(interaction, plan, log), channel: plan.channel ?? interaction.channelId };
  if (ctx.token.rejected) {
    await recordFailed(ctx.bot, here, "Discord rejected the bot's token; nothing posted");
    return status.finish(
      `Could not post the article: ${TOKEN_REJECTED}. Nothing was posted. ${RESET_TOKEN}.`,
    );
  }
  const target = await findTarget(ctx.client, interaction, plan);
  if (target.kind === "problem") {
    await recordFailed(ctx.bot, here, "the bot cannot post there; nothing posted");
    return status.finish(target.message);
  }
  const request = { interaction, plan, target, log };
  if (plan.confirm === false) return runPost(ctx, request, status);
  await showPreview(ctx.confirmations, request, await ctx.bot.library.textOf(plan));
}

/** Who and where, for the audit log: the server, the thread's title and the moderator. */
function recordedBy(interaction: ChatInputCommandInteraction, plan: ThreadPlan, log: Logger) {
  return {
    platform: "discord",
    workspace: interaction.guildId ?? "",
    title: threadName(plan),
    article: plan.header.title,
    actor: interaction.user.id,
    log,
  };
}

/**
 * Lets the thread core post the parts while the moderator's ephemeral reply shows progress, and
 * ends with its report: what was posted, or exactly what is and is not in the thread when Discord
 * refuses something or the bot has to stop.
 */
async function runPost(ctx: DiscordContext, request: PostRequest, status: Progress): Promise<void> {
  const { interaction, plan, target, log } = request;
  const name = threadName(plan);
  const parts = renderThread(plan, await ctx.bot.library.textOf(plan));
  const words = reportWords(target, name);
  const by = recordedBy(interaction, plan, log);
  const { memory, keep } = recordsFor(ctx.bot, { ...by, channel: target.id, encode: (t: string) => t });
  const report = await postRecorded({
    keep,
    sink: discordSink({ client: ctx.client, once: ctx.once, interaction, target, name, parts, memory }),
    signal: ctx.stopping,
    // The channel a new thread starts in, when it is not the one the command ran in.
    log: target.kind === "channel" ? log.child({ target: target.id }) : log,
    errorFields,
    threadFields: (thread) => ({ thread }),
    // A thread is one target whatever the title; in a channel, a title is one thread.
    lock: {
      locks: ctx.bot.posts,
      key: `discord:${target.kind === "thread" ? target.id : `${target.id}:${name}`}`,
    },
    onStep: (step) => {
      const text = describeStep(step, words);
      if (text !== undefined) status.show(text);
    },
  });
  await status.finish(describeReport(report, words));
}

/** Post or Cancel under a preview; a failure gets the same short apology as a command. */
async function button(ctx: DiscordContext, interaction: ButtonInteraction): Promise<void> {
  try {
    await handleButton(ctx.confirmations, interaction, (request, status) => runPost(ctx, request, status));
  } catch (error) {
    const context = {
      interaction: interaction.id,
      custom: interaction.customId.slice(0, 100),
      user: interaction.user.id,
    };
    ctx.log.error({ ...context, cause: errorFields(error) }, "discord button failed");
    await tell(interaction, SORRY).catch((e: unknown) =>
      ctx.log.warn({ ...context, cause: errorFields(e) }, "could not tell the member about the failure"),
    );
  }
}

/** Shutting down: commands still get an answer rather than "The application did not respond". */
export async function refuseWhileStopping(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await interaction.respond([]);
  else if (interaction.isRepliable())
    await tell(interaction, "The bot is restarting. Please try again in a minute.");
}

async function autocomplete(ctx: DiscordContext, interaction: AutocompleteInteraction): Promise<void> {
  try {
    await suggest(ctx.bot, interaction);
  } catch (error) {
    ctx.log.error({ ...logContext(interaction), cause: errorFields(error) }, "discord autocomplete failed");
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

/** Who asked what where: enough to find the interaction in Discord, nothing secret. */
function logContext(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): Record<string, unknown> {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  return {
    command: commandPath({ name: interaction.commandName, subcommand }),
    interaction: interaction.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
    user: interaction.user.id,
  };
}
