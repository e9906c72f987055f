/**
 * Piped input cut to lines of bounded length before readline sees it: a 100 MB line would
 * otherwise be held whole in memory and parsed. Each line keeps at most `max + 1` characters, so
 * the reader can tell an over-long line (longer than `max`) from one that fits.
 */
import { Transform } from "node:stream";

export const MAX_LINE = 2_000;

export function boundedLines(max = MAX_LINE): Transform {
  let length = 0;
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _encoding, done) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      let out = "";
      let at = 0;
      while (at < text.length) {
        const newline = text.indexOf("\n", at);
        const end = newline === -1 ? text.length : newline;
        const room = max + 1 - length;
        if (room > 0) out += text.slice(at, Math.min(end, at + room));
        length += end - at;
        if (newline === -1) break;
        out += "\n";
        length = 0;
        at = newline + 1;
      }
      done(null, out);
    },
  });
}
