import { escapeMrkdwn } from "../render/escape.js";

/** Where to post: `id` is what chat.postMessage takes, `label` is how to name it to a member (mrkdwn). */
export interface ChannelRef {
  id: string;
  label: string;
}

// With the manifest's should_escape, Slack sends a typed #channel as <#C123|name> (the name may be empty).
const ESCAPED = /^<#([CDG][A-Z0-9]+)(\|[^>]*)?>$/u;

/**
 * The channel the moderator named (`<#C123|news>` or a bare `#news`), else the one the command was
 * typed in. chat.postMessage accepts a `#name` as well as an ID, and its answer gives the ID.
 */
export function channelRef(named: string | undefined, here: string): ChannelRef {
  if (named === undefined) return channelById(here);
  const escaped = ESCAPED.exec(named);
  if (escaped?.[1]) return channelById(escaped[1]);
  return { id: named, label: escapeMrkdwn(named) };
}

/** A direct message has no channel name to link to. */
export const channelById = (id: string): ChannelRef => ({
  id,
  label: id.startsWith("D") ? "this conversation" : `<#${id}>`,
});
