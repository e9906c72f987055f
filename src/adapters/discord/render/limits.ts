/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Lengths are counted in UTF-16 code units (String#length), never fewer than Discord counts, so a
 * message within these limits is never refused for its length.
 */
export const LIMITS = {
  content: 2_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFooter: 2_048,
  /** Titles, descriptions, field names and values, footers and authors of all embeds in one message. */
  embedTotal: 6_000,
  embedsPerMessage: 10,
  threadName: 100,
  autocompleteChoices: 25,
  choiceName: 100,
} as const;

/** `allowed_mentions` for every message the bot sends: whatever the text says, nobody is pinged. */
export const NO_MENTIONS: { parse: [] } = { parse: [] };
