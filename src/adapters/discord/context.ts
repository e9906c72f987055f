import type { Client, REST } from "discord.js";
import type { Bot } from "../../core/answer.js";
import type { Reply } from "../../core/reply.js";
import type { EmbedMessage } from "./render/reply.js";

/** What handling an interaction needs besides the interaction itself. */
export interface DiscordContext {
  bot: Bot;
  /** A reply as Discord messages (remembered for answers that repeat). */
  render: (reply: Reply) => EmbedMessage[];
  client: Client<true>;
  /** A REST client that never retries on its own, for requests that are not safe to repeat blindly. */
  once: REST;
  /** Aborted when the bot must stop: a thread post stops at once and says exactly where it got to. */
  stopping: AbortSignal;
}

export const ABORTED: unique symbol = Symbol("aborted");

/**
 * The promise's value, or ABORTED as soon as `signal` aborts. The request behind the promise runs
 * on; the caller just stops waiting for it.
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const stop = () => resolve(ABORTED);
    signal.addEventListener("abort", stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", stop);
        reject(error);
      },
    );
  });
}
