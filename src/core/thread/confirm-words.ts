/**
 * The one wording of the /article post preview and of what its buttons say, on every platform
 * (as describe.ts is for the report). The platform hands in its own links and escaped text.
 */

export const BUTTONS = { post: "Post", cancel: "Cancel" } as const;

export const EXPIRED = "This preview expired; run /article post again.";
export const CANCELLED = "Cancelled; nothing was posted.";
/** A press that lost a race with another press of the same preview. */
export const ALREADY_DECIDED = "This preview was already used: nothing more happens.";
/** Shown on the preview while the post begins, until the first progress line replaces it. */
export const STARTING = "Posting…";

export const notOwner = (who: string): string => `Only ${who} can confirm this post.`;

/**
 * What the preview says above the header card: the thread, where it goes, how many messages, and
 * how long the buttons work. `title` and `where` come already in the platform's markup.
 */
export function previewText(p: {
  title: string;
  where: string;
  messages: number;
  ttlMs: number;
  /** How the article's parts go in, e.g. "in a new thread" or "as replies under a parent message". */
  how?: string;
}): string {
  // Never more than it is: Discord's 14½ minutes say 14.
  const minutes = Math.max(1, Math.floor(p.ttlMs / 60_000));
  return [
    `Ready to post “${p.title}” in ${p.where}${p.how ? ` ${p.how}` : ""}: ${p.messages} message${p.messages === 1 ? "" : "s"}, starting with the header card shown here.`,
    `Press ${BUTTONS.post} to post it or ${BUTTONS.cancel} to drop it. The buttons work for ${minutes} minute${minutes === 1 ? "" : "s"}; add confirm:false to post without this preview.`,
  ].join("\n");
}
