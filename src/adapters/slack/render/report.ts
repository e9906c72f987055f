import { escapeMrkdwn } from "./escape.js";
import { type SlackMessage, section } from "./limits.js";
import { plural } from "./thread.js";

/**
 * The ephemeral notes a moderator gets while `/article post` runs. Channel labels and links are
 * mrkdwn we build; everything else (titles, Slack's reasons) is escaped.
 */
export interface ThreadNote {
  /** The thread's title, as posted. */
  title: string;
  /** The channel, as mrkdwn (`<#C123>` or an escaped `#name`). */
  channel: string;
  replies: number;
}

const note = (mrkdwn: string): SlackMessage => ({ text: mrkdwn, blocks: [section(mrkdwn)] });
const link = (url: string | undefined, text: string) => (url ? `<${url}|${text}>` : text);
const range = (from: number, to: number) => (from === to ? `reply ${from}` : `replies ${from}–${to}`);

export const starting = (t: ThreadNote): SlackMessage =>
  note(
    `Posting “${escapeMrkdwn(t.title)}” in ${t.channel}: a parent message, then the article in ${t.replies} ${plural(t.replies)} in its thread, about one a second. I will confirm here when it is done.`,
  );

export const started = (t: ThreadNote, permalink: string | undefined): SlackMessage =>
  note(`${link(permalink, "Thread")} started in ${t.channel}; posting ${t.replies} ${plural(t.replies)}…`);

export const done = (t: ThreadNote, permalink: string | undefined, linkProblem?: string): SlackMessage =>
  note(
    `Done: posted the parent message and all ${t.replies} ${plural(t.replies)} of “${escapeMrkdwn(t.title)}” in ${t.channel}. ${
      permalink
        ? link(permalink, "Open the thread")
        : `(Slack gave no link to it: ${escapeMrkdwn(linkProblem ?? "unknown")}.)`
    }`,
  );

/** Nothing was posted: the parent message failed. */
export function notStarted(t: ThreadNote, reason: string, invite: string | undefined): SlackMessage {
  const fix = invite
    ? ` Invite the bot with \`/invite @${escapeMrkdwn(invite)}\` in ${t.channel}, then run \`/article post\` again.`
    : "";
  return note(`Nothing was posted in ${t.channel}: ${escapeMrkdwn(reason)}.${fix}`);
}

/** The parent and `posted` replies are up; reply `posted + 1` failed and the rest were not sent. */
export function stoppedPart(
  t: ThreadNote,
  posted: number,
  reason: string,
  permalink: string | undefined,
  nextWords: string,
): SlackMessage {
  const up = posted === 0 ? "the parent message" : `the parent message and ${range(1, posted)}`;
  return note(
    `Posted ${up} in ${t.channel} (${link(permalink, "the thread")}), but reply ${posted + 1} of ${t.replies} failed: ${escapeMrkdwn(reason)}. Not posted: ${range(posted + 1, t.replies)}, from “${nextWords}”.`,
  );
}

/** Shutdown stopped the post after the parent and `posted` replies; with `sending`, the next one was on its way. */
export function stoppedByRestart(
  t: ThreadNote,
  posted: number,
  sending: boolean,
  permalink: string | undefined,
  nextWords: string,
): SlackMessage {
  const up = posted === 0 ? "the parent message" : `the parent message and ${range(1, posted)}`;
  const next = posted + 1;
  const head = `The bot is restarting, so it stopped posting “${escapeMrkdwn(t.title)}”. Posted ${up} in ${t.channel} (${link(permalink, "the thread")})`;
  if (!sending) return note(`${head}. Not posted: ${range(next, t.replies)}, from “${nextWords}”.`);
  const rest = next < t.replies ? ` Not posted: ${range(next + 1, t.replies)}.` : "";
  return note(
    `${head}; reply ${next} of ${t.replies}, from “${nextWords}”, was being posted and may or may not be in the thread.${rest}`,
  );
}

/** Shutdown came while the parent message was on its way: Slack may or may not have it. */
export const parentUncertain = (t: ThreadNote): SlackMessage =>
  note(
    `The bot is restarting, so it stopped posting “${escapeMrkdwn(t.title)}”: the parent message was being posted in ${t.channel} and may or may not be there; none of the ${t.replies} ${plural(t.replies)} was posted.`,
  );

/** The first words of an (escaped) reply, to say where the unposted part begins. */
export const firstWords = (text: string, count = 8): string => {
  const words = text.split(/\s+/u).filter(Boolean);
  return `${words.slice(0, count).join(" ")}${words.length > count ? "…" : ""}`;
};
