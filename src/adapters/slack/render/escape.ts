/**
 * Slack's mrkdwn treats `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>` and
 * `<https://…|text>` are mentions and links. Escaping those three (and nothing else) is the only
 * change text from users or the article may undergo, so a mention can never fire and a reader who
 * un-escapes gets the original characters back.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export const escapeMrkdwn = (text: string): string => text.replace(/[&<>]/gu, (c) => ESCAPES[c] ?? c);

/**
 * Slack escapes the same three characters in the text it sends us (a slash command's `text`);
 * undo that so `AT&T` is searched as typed. Mention tokens such as `<@U123|bob>` stay as they are.
 */
/**
 * With should_escape, Slack sends a link typed in a command as `<https://…>` or `<https://…|label>`:
 * back to the address alone (/article add takes it as typed).
 */
export const unlinkSlack = (text: string): string =>
  text.replace(/<(https?:\/\/[^\s|<>]+)(?:\|[^<>]*)?>/giu, "$1");

export const unescapeSlack = (text: string): string =>
  text.replace(/&(amp|lt|gt);/gu, (_, name: string) => ({ amp: "&", lt: "<", gt: ">" })[name] ?? "");

/** Bold our own short labels; a label that itself contains `*` is left plain rather than garbled. */
export const bold = (text: string): string =>
  text.includes("*") ? escapeMrkdwn(text) : `*${escapeMrkdwn(text)}*`;
