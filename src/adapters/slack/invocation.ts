import type { SlashCommand } from "@slack/bolt";
import type { Command } from "../../core/command.js";
import type { Invocation } from "../../core/invocation.js";
import { MAX_TEXT, parseArguments } from "../../core/parse-text.js";
import type { ModeratorCheck } from "./access.js";
import { unescapeSlack, unlinkSlack } from "./render/escape.js";

export type SlashInvocation = { ok: true; invocation: Invocation } | { ok: false; error: string };

/**
 * A slash command's payload as a neutral Invocation: `/quote claw back private` has command
 * "quote" and the text parsed by the shared parser. Whether the user is a moderator is decided by
 * `isModerator`, which the core calls only for moderator commands (it may cost a users.info call).
 */
export function toInvocation(
  payload: Pick<SlashCommand, "command" | "text" | "user_id" | "user_name">,
  commands: readonly Command[],
  isModerator: ModeratorCheck = async () => false,
): SlashInvocation {
  const name = payload.command.replace(/^\//u, "").toLowerCase();
  const raw = payload.text ?? "";
  // Far over the limit even once Slack's entities are undone: refused by length, not un-escaped first.
  const text = raw.length > MAX_TEXT * 5 ? raw : unescapeSlack(unlinkSlack(raw));
  const parsed = parseArguments(name, text, commands);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    invocation: {
      command: parsed.command,
      subcommand: parsed.subcommand,
      options: parsed.options,
      user: { id: payload.user_id, name: payload.user_name },
      isModerator: () => isModerator(payload.user_id),
      platform: "slack",
    },
  };
}

/** How log lines name a command: "quote", or "article post" with its subcommand. */
export function commandLabel(payload: Pick<SlashCommand, "command" | "text">, commands: readonly Command[]) {
  const name = payload.command.replace(/^\//u, "").toLowerCase();
  // Only the first word matters: a megabyte of text is not split to find it.
  const sub = (payload.text ?? "").slice(0, 100).trim().split(/\s+/u)[0]?.toLowerCase();
  return commands.some((c) => c.name === name && c.subcommand === sub) ? `${name} ${sub}` : name;
}
