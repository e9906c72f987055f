import type { Article } from "../article/load.js";
import type { Cooldown } from "../runtime/cooldown.js";
import type { Logger } from "../runtime/log.js";
import type { Command } from "./command.js";
import { type DispatchDeps, dispatch, findCommand, type Invocation } from "./dispatch.js";
import type { Outcome } from "./reply.js";

/** What every adapter is given: the loaded article, the commands, and a logger. */
export interface Bot {
  article: Article;
  commands: readonly Command[];
  log: Logger;
  /** Per-user rate limit on platforms; absent in the console. */
  cooldown?: Cooldown | undefined;
}

/** A started adapter. `stop` stops taking commands, finishes those in flight, and closes connections. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
  /** Connection state for GET /healthz; adapters without one count as ready once started. */
  health?(): AdapterHealth;
}

export type AdapterState = "starting" | "ready" | "reconnecting" | "stopping" | "stopped";
export interface AdapterHealth {
  state: AdapterState;
  detail?: string;
}

/** Runs an invocation through the shared handlers, logging any handler failure with its context. */
export function answer(bot: Bot, invocation: Invocation): Outcome {
  const key = `${invocation.platform}:${invocation.user.id}`;
  if (bot.cooldown && !bot.cooldown.take(key)) {
    const wait = bot.cooldown.waitSeconds(key);
    return {
      kind: "message",
      visibility: "private",
      blocks: [
        {
          type: "text",
          text: `You are sending commands faster than ${bot.cooldown.limit} every ${bot.cooldown.windowMs / 1000} seconds. Please wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
        },
      ],
    };
  }
  const deps: DispatchDeps = {
    article: bot.article,
    commands: bot.commands,
    onError: (error, inv) =>
      bot.log.error(
        {
          err: error,
          command: inv.command,
          subcommand: inv.subcommand,
          platform: inv.platform,
          user: inv.user.id,
        },
        "command failed",
      ),
  };
  return dispatch(invocation, deps);
}

/** Suggestions for an option as the member types it; empty for options without completion. */
export function complete(
  bot: Bot,
  command: { name: string; subcommand?: string | undefined },
  option: string,
  typed: string,
): string[] {
  const def = findCommand(bot.commands, command.name, command.subcommand)?.options[option];
  return def?.complete ? def.complete(bot.article, typed) : [];
}
