import { describe, expect, it } from "vitest";
import { execute } from "../../src/core/dispatch.js";
import { echo } from "../../src/core/echo.js";
import { parseCommandLine } from "../../src/core/parse-text.js";
import type { Reply } from "../../src/core/reply.js";
import { bot, commands } from "../support/article.js";

const errorOf = (line: string): string => {
  const parsed = parseCommandLine(line, commands);
  if (!parsed.ok) return parsed.error;
  const outcome = execute(parsed, bot) as Reply;
  return outcome.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
};

// ESC ] 0 ; … BEL retitles a terminal; ESC [ 2 J clears it; NUL and BEL have no place in a reply.
const HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u0000";

describe("what an error repeats of the input", () => {
  it("is a short excerpt, however long the input", () => {
    const error = errorOf(`/penalties ${"spam ".repeat(300)}`);
    expect(error.length).toBeLessThan(300);
    expect(error).toMatch(/^\/penalties does not take “(spam ?){12}…”\.\nUsage: /u);
    const huge = errorOf(`/penalties ${"spam ".repeat(800_000)}`);
    expect(huge).toBe(
      "That is 3,999,999 characters after /penalties; commands take at most 2,000. Type /help to see what each one takes.",
    );
  });

  it("shows control characters as visible symbols, never raw", () => {
    for (const line of [
      `/penalties ${HOSTILE}`,
      `/nope${HOSTILE}`,
      `/summary length:${HOSTILE}`,
      `/article post channel:${HOSTILE}`,
    ]) {
      const error = errorOf(line);
      expect(error.length).toBeGreaterThan(10);
      expect(error).not.toMatch(/\p{Cc}(?<!\n)/u);
    }
    expect(errorOf(`/penalties ${HOSTILE}`)).toContain("␛]0;pwned␇␛[2J␀");
  });

  it("refuses a channel name with control characters", () => {
    expect(errorOf("/article post channel:#news\u0007")).toContain("“channel” must be a channel");
  });

  it("clips by characters, not inside an emoji", () => {
    expect(echo("😀".repeat(100), 5)).toBe("😀😀😀😀😀…");
    expect(echo("short")).toBe("short");
  });
});
