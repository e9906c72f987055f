/**
 * The moderator's status line, edited as work proceeds. Edits go out one at a time and only the
 * latest text is sent, so a slow or rate-limited edit never holds up the posting, and an edit that
 * fails is logged without stopping it.
 */
export interface Progress {
  show(text: string): void;
  /** Shows the final text and waits until it is out. */
  finish(text: string): Promise<void>;
}

export function progress(
  edit: (text: string) => Promise<unknown>,
  onError: (error: unknown) => void,
): Progress {
  let latest: string | undefined;
  let sending: Promise<void> | undefined;
  const pump = async () => {
    while (latest !== undefined) {
      const text = latest;
      latest = undefined;
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
      show(text);
      await sending;
    },
  };
}
