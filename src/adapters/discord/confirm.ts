/**
 * Preview and confirm for /article post on Discord: the moderator's ephemeral reply shows what
 * will be posted and where, with Post and Cancel buttons; a press arrives as a MESSAGE_COMPONENT
 * interaction and is decided once by the core (src/core/thread/confirm.ts). After Post the
 * preview becomes the post's status line; after Cancel, or once it expires, it says so.
 */
import { type ButtonInteraction, type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { ThreadPlan } from "../../core/reply.js";
import type { Confirmations } from "../../core/thread/confirm.js";
import { ALREADY_DECIDED, CANCELLED, EXPIRED, notOwner, STARTING } from "../../core/thread/confirm-words.js";
import { type Progress, progress } from "../../core/thread/progress.js";
import type { Logger } from "../../runtime/log.js";
import { errorFields } from "./errors.js";
import { escapeMarkdown } from "./render/escape.js";
import { NO_MENTIONS } from "./render/limits.js";
import { readCustomId, renderPreview } from "./render/preview.js";
import { renderThread, threadName } from "./render/thread.js";
import type { Target } from "./thread/target.js";

/** A post the moderator may still confirm: what it needs to run later, in this process. */
export interface PostRequest {
  interaction: ChatInputCommandInteraction;
  plan: ThreadPlan;
  target: Exclude<Target, { kind: "problem" }>;
  log: Logger;
}

export type DiscordConfirmations = Confirmations<PostRequest>;

/** Runs a confirmed post, its status shown through `status`. */
export type RunPost = (request: PostRequest, status: Progress) => Promise<void>;

/** Edits the deferred reply into the preview; at expiry, into the note that it expired. */
export async function showPreview(
  confirmations: DiscordConfirmations,
  request: PostRequest,
  article: Parameters<typeof renderThread>[1],
): Promise<void> {
  const { interaction, plan, target, log } = request;
  const parts = renderThread(plan, article);
  const owner = { id: interaction.user.id, name: interaction.user.username };
  const where = { workspace: interaction.guildId ?? "", channel: interaction.channelId };
  const { id } = await confirmations.ask({ plan, owner, target: request, where }, () => {
    interaction
      .editReply({ content: EXPIRED, embeds: [], components: [], allowedMentions: NO_MENTIONS })
      // The interaction's token lasts 15 minutes too: the edit may come too late. A press says it.
      .catch((error: unknown) =>
        log.debug({ cause: errorFields(error) }, "could not mark the preview expired"),
      );
  });
  const preview = renderPreview({
    id,
    name: threadName(plan),
    target,
    parts,
    ttlMs: confirmations.ttlMs,
    notice: plan.notice,
  });
  await interaction.editReply({ ...preview, allowedMentions: NO_MENTIONS });
}

/** A press of Post or Cancel: exactly one answer, and at most one post per preview. */
export async function handleButton(
  confirmations: DiscordConfirmations,
  interaction: ButtonInteraction,
  run: RunPost,
): Promise<void> {
  const pressed = readCustomId(interaction.customId);
  // Not one of ours (a button of an older version of the bot): acknowledged, nothing changes.
  if (!pressed) return void (await interaction.deferUpdate());
  const decision = pressed.choice === "post" ? "confirmed" : "cancelled";
  const taken = await confirmations.decide(pressed.id, interaction.user.id, decision);
  const replace = (content: string) =>
    interaction.update({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
  switch (taken.kind) {
    case "notOwner":
      return privately(interaction, notOwner(escapeMarkdown(taken.owner.name)));
    case "alreadyTaken":
      return privately(interaction, ALREADY_DECIDED);
    case "expired":
      return void (await replace(EXPIRED));
    case "taken": {
      if (decision === "cancelled") return void (await replace(CANCELLED));
      await replace(STARTING);
      const request = taken.entry.target;
      const status = progress(
        (content) => interaction.editReply({ content, allowedMentions: NO_MENTIONS }),
        (error) => request.log.warn({ cause: errorFields(error) }, "progress update failed"),
      );
      return run(request, status);
    }
  }
}

const privately = async (interaction: ButtonInteraction, content: string): Promise<void> => {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
};
