/**
 * What a Discord client shows for the markdown a bot sent, as plain text, so tests can compare it
 * with the article: a backslash before a character that is not a letter, digit or space is dropped
 * (Discord's escape rule), and `**` bold markers are dropped.
 */
export function plain(markdown: string): string {
  let out = "";
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    const next = markdown[i + 1];
    if (c === "\\" && next !== undefined && /[^0-9A-Za-z\s]/u.test(next)) {
      out += next;
      i++;
    } else if (c === "*" && next === "*") i++;
    else out += c;
  }
  return out;
}

/** The block quotes in a markdown text (consecutive `> ` lines), each without its `> ` prefixes. */
export function blockQuotes(markdown: string): string[] {
  const quotes: string[][] = [];
  let inQuote = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("> ")) {
      if (!inQuote) quotes.push([]);
      quotes.at(-1)?.push(line.slice(2));
      inQuote = true;
    } else inQuote = false;
  }
  return quotes.map((lines) => lines.join("\n"));
}

// What pings in Discord message text: @everyone, @here, users (<@id>, <@!id>) and roles (<@&id>).
const MENTION = /^(@everyone|@here|<@[!&]?\d+>)/u;

/**
 * The mentions Discord would render live in `markdown`: those not neutralised by a backslash
 * (an escaped character is skipped whole, so `\\@here`, an escaped backslash, still pings).
 */
export function liveMentions(markdown: string): string[] {
  const live: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const next = markdown[i + 1];
    if (markdown[i] === "\\" && next !== undefined && /[^0-9A-Za-z\s]/u.test(next)) {
      i++;
      continue;
    }
    const m = MENTION.exec(markdown.slice(i, i + 30));
    if (m) live.push(m[0]);
  }
  return live;
}
