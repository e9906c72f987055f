import type { Article } from "./article/load.js";
import type { Command } from "./command.js";
import { type DispatchDeps, dispatch, findCommand, type Invocation } from "./dispatch.js";
import type { Logger } from "./log.js";
import type { Outcome } from "./reply.js";

/** What every adapter is given: the loaded article, the commands, and a logger. */
export interface Bot {
  article: Article;
  commands: readonly Command[];
  log: Logger;
}

/** A started adapter. `stop` stops taking commands, finishes those in flight, and closes connections. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

/** Runs an invocation through the shared handlers, logging any handler failure with its context. */
export function answer(bot: Bot, invocation: Invocation): Outcome {
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
