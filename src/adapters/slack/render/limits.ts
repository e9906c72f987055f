import type { types } from "@slack/bolt";
import { clip as clipText, pack } from "../../../render/pack.js";

/**
 * Block Kit's limits and the few block shapes the renderers use. Every text handed to these
 * helpers is already mrkdwn-escaped where the block parses mrkdwn.
 */
export type KnownBlock = types.KnownBlock;

export const LIMITS = {
  /** Characters in a section's text. */
  sectionText: 3000,
  /** Blocks in one message. */
  blocks: 50,
  /** Characters in a header's plain text. */
  headerText: 150,
  /** Elements in one context block. */
  contextElements: 10,
  /** The top-level `text` is only a fallback (notifications); keep it short of Slack's truncation. */
  fallbackText: 3000,
} as const;

/** A message as chat.postMessage, response_url and ack all take it. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Shortened to `limit` (never inside a word or an `&amp;` entity), the cut marked. */
export const clip = (text: string, limit: number): string => clipText(text, limit, " …");

export const header = (text: string): KnownBlock => ({
  type: "header",
  text: { type: "plain_text", text: clip(text, LIMITS.headerText) },
});

export const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** A short note of the adapter's own (no user text in it): one section, the same as its fallback. */
export const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** Escaped pieces packed into as few sections as the section limit allows. */
export const sections = (pieces: readonly string[], separator = "\n\n"): KnownBlock[] =>
  pack(pieces, LIMITS.sectionText, separator).map(section);

export const context = (texts: readonly string[]): KnownBlock => ({
  type: "context",
  elements: texts.slice(0, LIMITS.contextElements).map((text) => ({
    type: "mrkdwn",
    text: clip(text, LIMITS.sectionText),
  })),
});

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
