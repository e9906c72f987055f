/**
 * Discord markdown escaping for text that must display literally (article words, members' topics).
 *
 * Discord's renderer drops a backslash before any character that is not a letter, digit or space,
 * so escaping only ever adds backslashes, and what a member sees is exactly the input. The tests
 * un-escape what the fake Discord received and compare it with the article.
 */

// Inline syntax anywhere in a line: emphasis, code, spoilers, strikethrough, masked links, and `<`
// (mentions, custom emoji, timestamps) and `@` (@everyone, @here), so they show as typed.
const INLINE = /[\\*_`~|<>@[\]]/gu;
// Syntax that only counts at the start of a line: headings and subtext (#, -#), lists (-, +,
// "1."). A quote (>) is already covered above.
const LINE_START = /^([ \t]*)([#+-]|\d+(?=\.\s))/gmu;

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, "\\$&")
    .replace(LINE_START, (_m, indent: string, mark: string) =>
      /^\d/u.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`,
    );
}

// A web address as Discord links it: http(s) and the characters of RFC 3986 but `@` (which could
// read as a mention), so no markup and no mention can hide inside.
const LINK = /https?:\/\/[\w\-.~:/?#[\]!$&'()*+,;=%]+/gu;

/**
 * Our own text (an article's address in a header or a closing line) escaped like any other, except
 * its web addresses: escaping would break them (`a\_b` is not the page `a_b`), and Discord shows an
 * address as a link, not as markup.
 */
export function escapeKeepingLinks(text: string): string {
  let out = "";
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    out += escapeMarkdown(text.slice(at, match.index)) + match[0];
    at = match.index + match[0].length;
  }
  return out + escapeMarkdown(text.slice(at));
}
