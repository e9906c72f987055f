/**
 * The /article post preview on Discord: the core's words (src/core/thread/confirm-words.ts) with
 * Discord's link to the channel, the header card exactly as it will be posted, and a row of two
 * buttons whose custom_id carries the pending post's id.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { BUTTONS, previewText } from "../../../core/thread/confirm-words.js";
import type { Target } from "../thread/target.js";
import { escapeMarkdown } from "./escape.js";
import { link } from "./report.js";
import type { ThreadPart } from "./thread.js";

export type Choice = "post" | "cancel";

const PREFIX = "article-post";

/** `article-post:post:<id>`: well inside Discord's 100 characters for a custom_id. */
export const customId = (choice: Choice, id: string): string => `${PREFIX}:${choice}:${id}`;

/** The choice and pending id a button carries, or undefined for a custom_id not ours. */
export function readCustomId(value: string): { choice: Choice; id: string } | undefined {
  const [prefix, choice, id] = value.split(":");
  if (prefix !== PREFIX || (choice !== "post" && choice !== "cancel") || !id) return undefined;
  return { choice, id };
}

export interface PreviewMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

export function renderPreview(p: {
  id: string;
  name: string;
  target: Exclude<Target, { kind: "problem" }>;
  parts: readonly ThreadPart[];
  ttlMs: number;
  /** The plan's notice (plain text), shown above everything else. */
  notice?: string | undefined;
}): PreviewMessage {
  // The header's first message: a longer header (an added article's summary and key quotes) would
  // not fit one message's embed limits, and the preview says it starts with this card.
  const header = p.parts.find((part) => part.kind === "header")?.message.embeds ?? [];
  const asked = previewText({
    title: escapeMarkdown(p.name),
    where: link(p.target.id),
    how: p.target.kind === "channel" ? "(a new thread)" : "(this thread)",
    messages: p.parts.length,
    ttlMs: p.ttlMs,
  });
  return {
    content: p.notice ? `**${escapeMarkdown(p.notice)}**\n${asked}` : asked,
    embeds: header,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          button(BUTTONS.post, customId("post", p.id), ButtonStyle.Primary),
          button(BUTTONS.cancel, customId("cancel", p.id), ButtonStyle.Secondary),
        ],
      },
    ],
  };
}

const button = (label: string, id: string, style: ButtonStyle.Primary | ButtonStyle.Secondary) =>
  ({ type: ComponentType.Button, style, label, custom_id: id }) satisfies APIButtonComponent;
