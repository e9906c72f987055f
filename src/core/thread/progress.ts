/**
 * The moderator's status line, edited as work proceeds. Edits go out one at a time and only the
 * latest text is sent, so a slow or rate-limited edit never holds up the posting, and an edit that
 * fails is logged without stopping it. Progress goes out at most once per `intervalMs`: a post
 * that takes a second needs no play-by-play, and each edit is a request to the platform. The final text
 * goes out as soon as the edit before it is done.
 */
export interface Progress {
  show(text: string): void;
  /** Shows the final text and waits until it is out. */
  finish(text: string): Promise<void>;
}

export function progress(
  edit: (text: string) => Promise<unknown>,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
): Progress {
  let latest: string | undefined;
  let final = false;
  let sending: Promise<void> | undefined;
  let lastSent = Number.NEGATIVE_INFINITY;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const pump = async () => {
    while (latest !== undefined) {
      const wait = lastSent + intervalMs - Date.now();
      if (!final && wait > 0) {
        await pause(wait);
        wake = undefined;
        continue;
      }
      const text = latest;
      latest = undefined;
      lastSent = Date.now();
      await edit(text).catch(onError);
    }
    sending = undefined;
  };
  const show = (text: string) => {
    latest = text;
    sending ??= pump();
  };
  return {
    show,
    async finish(text) {
      final = true;
      show(text);
      wake?.();
      await sending;
    },
  };
}
