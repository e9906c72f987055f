/**
 * Every repository call runs through here: a lost database becomes one warning line in the log and
 * a DatabaseUnavailableError for the caller (whose reply can say "try again shortly"); any other
 * error passes through unchanged.
 */
import type { Logger } from "../runtime/log.js";
import { DatabaseUnavailableError, errorCode, isUnavailable } from "./errors.js";

export type Guard = <T>(what: string, run: () => Promise<T>) => Promise<T>;

export function guard(log: Logger): Guard {
  return async (what, run) => {
    try {
      return await run();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      const reason = errorCode(error) ?? "unreachable";
      log.warn({ what, code: reason }, "database unavailable");
      throw new DatabaseUnavailableError(reason, { cause: error });
    }
  };
}
