/**
 * What the bot tells an observer (src/runtime/metrics.ts counts it for GET /metrics): each command
 * answered, with how it ended and how long it took, and each refusal a platform's API gave an
 * adapter. The core knows no metrics library; an absent observer costs nothing.
 */
import type { Check } from "./checks.js";
import type { Command } from "./command.js";
import type { Outcome, Reply } from "./reply.js";

/**
 * How a command ended, a closed set: answered; invalid (an unknown command, bad options, or a note
 * that the records cannot be used); cooldown (the member is sending too fast); denied (not a
 * moderator, or the platform could not say); error (it failed on the bot's side).
 */
const COMMAND_RESULTS = ["answered", "invalid", "cooldown", "denied", "error"] as const;
export type CommandResult = (typeof COMMAND_RESULTS)[number];

export interface BotObserver {
  /** `command` is the known command that ran, or undefined for a name the bot does not have. */
  command(platform: string, command: Command | undefined, result: CommandResult, seconds: number): void;
  /** The platform's API answered an adapter's request with this HTTP status (400 and up). */
  platformError(platform: string, status: number): void;
  /** The platform rate-limited a request (a 429, or its library holding one back to avoid one). */
  rateLimited(platform: string): void;
}

/**
 * Which check refused which reply. The checks' replies are fresh objects, so a weak map from the
 * reply to the check's result costs nothing on a command that passes.
 */
export class Verdicts {
  private readonly refused = new WeakMap<Outcome, CommandResult>();

  /** `check`, remembering each reply it objects with as `result`. */
  tag(check: Check, result: CommandResult): Check {
    const note = (reply: Reply | undefined) => {
      if (reply) this.refused.set(reply, result);
      return reply;
    };
    return (invocation, command) => {
      const said = check(invocation, command);
      return said instanceof Promise ? said.then(note) : note(said);
    };
  }

  /** How the command that gave `outcome` ended (`failed`: a handler or the records threw). */
  of(outcome: Outcome, failed: boolean): CommandResult {
    if (failed) return "error";
    return (
      this.refused.get(outcome) ??
      (outcome.kind === "message" && outcome.tone === "error" ? "invalid" : "answered")
    );
  }
}
