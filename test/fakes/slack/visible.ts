/**
 * What a member sees in a Block Kit message, the way Slack draws it: mrkdwn un-escaped (`&lt;`
 * shows as `<`), plain_text and rich_text as they are. Tests compare this with the article.
 */
import { FAKE_BOT } from "./web-api.js";

type Json = Record<string, unknown>;

export const unescapeMrkdwn = (text: string): string =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

const shown = (t: Json | undefined): string =>
  !t || typeof t.text !== "string" ? "" : t.type === "mrkdwn" ? unescapeMrkdwn(t.text) : t.text;

const richText = (element: Json): string =>
  ((element.elements ?? []) as Json[]).map((run) => (typeof run.text === "string" ? run.text : "")).join("");

/** Each block's visible text, one string per block (a context's elements joined by newlines). */
export function visibleBlocks(message: Json): string[] {
  return ((message.blocks ?? []) as Json[]).map((block) => {
    switch (block.type) {
      case "header":
      case "section":
        return shown(block.text as Json);
      case "context":
        return ((block.elements ?? []) as Json[]).map(shown).join("\n");
      case "rich_text":
        return ((block.elements ?? []) as Json[]).map(richText).join("\n");
      default:
        return "";
    }
  });
}

export const visibleText = (message: Json): string => visibleBlocks(message).join("\n");

/** Runs of a rich_text block quote that are bold: the sentences marked as matching. */
export function boldRuns(message: Json): string[] {
  return ((message.blocks ?? []) as Json[])
    .filter((b) => b.type === "rich_text")
    .flatMap((b) => (b.elements ?? []) as Json[])
    .flatMap((e) => (e.elements ?? []) as Json[])
    .filter((run) => (run.style as Json | undefined)?.bold === true)
    .map((run) => String(run.text));
}

/**
 * Mentions Slack would turn into pings: `<!channel>`, `<!here>`, `<!everyone>`, `<@U123>` in the
 * fallback text or any mrkdwn text. Escaped (`&lt;!channel&gt;`) they are only characters. The
 * bot's own mention (`self`, as the closing line shows how to ask it) notifies no person.
 */
export function firingMentions(message: Json, self = FAKE_BOT.userId): string[] {
  const texts: string[] = [];
  if (typeof message.text === "string") texts.push(message.text);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const o = value as Json;
      if (o.type === "mrkdwn" && typeof o.text === "string") texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return texts.flatMap((t) => t.match(/<[!@][^>]*>/gu) ?? []).filter((m) => m !== `<@${self}>`);
}
