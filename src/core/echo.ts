/**
 * What a member typed, made safe to say back: at most a short excerpt (a 4 MB paste must not
 * become 27 messages), and every control character shown as a visible symbol instead of reaching
 * a terminal or a chat raw (ESC could retitle or clear a terminal; NUL and BEL have no business in
 * a message). Every error that repeats input goes through here.
 */

/** Longest excerpt of input an error repeats, in characters. */
export const ECHO_MAX = 60;

// C0 and C1 controls and DEL; zero-width and direction marks are left alone (they are text).
const CONTROL = /\p{Cc}/gu;

/** A control character as its Unicode "control picture" (␛ for ESC, ␀ for NUL), others as �. */
const picture = (c: string): string => {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\uFFFD";
};

/** `text` with its control characters made visible. */
export const visible = (text: string): string => text.replace(CONTROL, picture);

/** `text` as an error may repeat it: visible, on one line, and clipped to `max` characters with "…". */
export function echo(text: string, max = ECHO_MAX): string {
  const chars = [...text.slice(0, max * 2 + 2)];
  const cut = chars.length > max || text.length > max * 2 + 2;
  return `${visible(chars.slice(0, max).join(""))}${cut ? "…" : ""}`;
}
