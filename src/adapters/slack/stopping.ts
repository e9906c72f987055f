/**
 * Shutdown cuts long waits short through one AbortSignal. A wait it ends rejects with `Stopped`,
 * which says whether a request to Slack was already on its way (then its fate is unknown).
 */
export class Stopped extends Error {
  constructor(readonly sending: boolean) {
    super("the bot is restarting");
    this.name = "Stopped";
  }
}

/** The promise's outcome, unless `signal` aborts first: then `Stopped` (the promise runs on, unheeded). */
export function unlessStopped<T>(promise: Promise<T>, signal: AbortSignal | undefined, sending: boolean) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Stopped(sending));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Stopped(sending));
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

/** Turns the AbortError of an aborted timer or pacer wait into `Stopped` (nothing was being sent). */
export const asStopped = (error: unknown): never => {
  throw (error as Error)?.name === "AbortError" ? new Stopped(false) : error;
};
