/**
 * The one way to race a promise against cancellation. Shutdown (an AbortSignal) and deadlines
 * (`within`) both cut a wait short; the promise itself runs on, unheeded.
 */

/** A wait cut short. `sending` says a request was already on its way, so its fate is unknown. */
export class Aborted extends Error {
  constructor(readonly sending = false) {
    super("the bot is stopping");
    this.name = "Aborted";
  }
}

/** The promise's outcome, unless `signal` aborts first: then it rejects with `Aborted`. */
export function unlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  sending = false,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new Aborted(sending));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Aborted(sending));
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

/** Turns the AbortError of an aborted timer or `signal.throwIfAborted()` into `Aborted` (nothing was sent). */
export const asAborted = (error: unknown): never => {
  throw (error as Error)?.name === "AbortError" ? new Aborted(false) : error;
};

/** The promise's value if it settles within `ms`, else undefined (the promise keeps running). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
