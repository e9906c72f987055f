/**
 * What the moderator reads while and after `/article post` runs, as ephemeral notes: the core's
 * one wording of the report (src/core/thread/describe.ts) with Slack's links (`<url|the thread>`,
 * `<#C…>`), its reasons (mrkdwn-escaped) and its fix (`/invite @bot` when the bot is not in the
 * channel). Slack has no status line to edit and a response_url takes five messages, so of the
 * core's steps only the thread being ready gets a note.
 */
import { describeReport, type ReportWords } from "../../../core/thread/describe.js";
import type { ThreadReport, ThreadStep } from "../../../core/thread/report.js";
import { errorReason, needsInvite } from "../errors.js";
import type { SlackThread } from "../thread/sink.js";
import { type ChannelRef, channelById } from "../thread/target.js";
import { escapeMrkdwn } from "./escape.js";
import { type SlackMessage, section } from "./limits.js";
import { plural } from "./thread.js";

export interface ReportContext {
  /** The thread's title, as posted. */
  title: string;
  /** Where the parent goes (or went). */
  target: ChannelRef;
  /** The bot's user name, for the `/invite @name` hint. */
  botName: string;
  /** The thread's link, once Slack gave one. */
  permalink(thread: SlackThread): string | undefined;
}

const note = (mrkdwn: string): SlackMessage => ({ text: mrkdwn, blocks: [section(mrkdwn)] });

/** The first note, in the ack: what is about to happen. */
export const starting = (t: {
  title: string;
  channel: string;
  replies: number;
  /** false: a short post (an added article's header), whose one reply is the closing line. */
  articleText?: boolean | undefined;
}): SlackMessage =>
  note(
    t.articleText === false
      ? `Posting “${escapeMrkdwn(t.title)}” in ${t.channel}: a parent message with the summary and key quotes, then a closing line in its thread. I will confirm here when it is done.`
      : `Posting “${escapeMrkdwn(t.title)}” in ${t.channel}: a parent message, then the article in ${t.replies} ${plural(t.replies)} in its thread, about one a second. I will confirm here when it is done.`,
  );

/** A step worth a note: the thread is there (started now, or found from an earlier run) and posting begins. */
export function renderStep(
  step: ThreadStep<SlackThread>,
  c: ReportContext,
  startedNow: boolean,
): SlackMessage | undefined {
  if (step.kind !== "opened" || step.missing === 0) return undefined;
  const where = channelById(step.thread.channel).label;
  const url = c.permalink(step.thread);
  const count = `${step.missing} ${plural(step.missing)}`;
  if (startedNow) return note(`${url ? `<${url}|Thread>` : "Thread"} started in ${where}; posting ${count}…`);
  return note(
    `Found ${url ? `<${url}|the thread>` : "the thread"} an earlier run started in ${where}; posting the ${count} missing…`,
  );
}

/** The core's report as a note. */
export function renderReport(report: ThreadReport<SlackThread>, c: ReportContext): SlackMessage {
  return note(describeReport(report, words(c)));
}

function words(c: ReportContext): ReportWords<SlackThread> {
  const channel = (thread: SlackThread | undefined) =>
    thread ? channelById(thread.channel).label : c.target.label;
  const again = (thread: SlackThread | undefined) =>
    // Slack does not run slash commands inside threads: the re-run goes where the parent is.
    `run the same \`/article post\` again in ${channel(thread)}`;
  return {
    thread: (thread) => {
      const url = c.permalink(thread);
      return url ? `<${url}|the thread>` : `the thread in ${channel(thread)}`;
    },
    target: c.target.label,
    title: escapeMrkdwn(c.title),
    platform: "Slack",
    reason: (error) => escapeMrkdwn(errorReason(error)),
    rerun: again,
    fix: (error, thread) => {
      if (!needsInvite(error)) return undefined;
      const invite = `Invite the bot with \`/invite @${escapeMrkdwn(c.botName)}\` in ${channel(thread)}`;
      return thread ? invite : `${invite}, then ${again(thread)}`;
    },
  };
}
