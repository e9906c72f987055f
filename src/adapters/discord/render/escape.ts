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
