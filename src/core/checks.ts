/**
 * Checks the core runs before any command, in order; the first that objects answers instead of
 * the command (Sapphire's preconditions are the model). A check is told the command, or undefined
 * when the name is unknown, so a flood of unknown commands still meets the cooldown.
 */
import type { RateLimit } from "../runtime/cooldown.js";
import type { Logger } from "../runtime/log.js";
import { type Command, commandPath } from "./command.js";
import { AccessUnknown, type Invocation } from "./invocation.js";
import { errorReply, type Reply } from "./reply.js";

export type Check = (
  invocation: Invocation,
  command: Command | undefined,
) => Reply | undefined | Promise<Reply | undefined>;

/** A member may run `cooldown.limit` commands per window on one platform; more get a polite note. */
export const cooldownCheck =
  (cooldown: RateLimit): Check =>
  (invocation) => {
    const wait = cooldown.consume(`${invocation.platform}:${invocation.user.id}`);
    // In process the answer is at once; only a shared (Redis) cooldown costs a wait.
    return typeof wait === "number" ? slowDown(cooldown, wait) : wait.then((w) => slowDown(cooldown, w));
  };

function slowDown(cooldown: RateLimit, wait: number): Reply | undefined {
  if (wait === 0) return undefined;
  return {
    kind: "message",
    visibility: "private",
    blocks: [
      {
        type: "text",
        text: `You are sending commands faster than ${cooldown.limit} every ${cooldown.windowMs / 1000} seconds. Please wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
      },
    ],
  };
}

/** Moderator commands ask the platform whether the member is one; nothing else asks. */
export const accessCheck =
  (log: Logger): Check =>
  (invocation, command) =>
    command?.access === "moderator" ? askModerator(log, invocation, command) : undefined;

async function askModerator(
  log: Logger,
  invocation: Invocation,
  command: Command,
): Promise<Reply | undefined> {
  try {
    if (await invocation.isModerator()) return undefined;
  } catch (error) {
    if (!(error instanceof AccessUnknown)) throw error;
    log.warn(
      {
        command: commandPath(command),
        platform: invocation.platform,
        user: invocation.user.id,
        cause: error.detail,
      },
      "could not check whether the member is a moderator",
    );
    return errorReply(
      `${error.message}, so nothing was posted. Please try again in a minute, or ask whoever runs the bot to list you as a moderator.`,
    );
  }
  return errorReply(`Only moderators can run /${commandPath(command)}. Nothing was posted.`);
}
