import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/adapters/discord/render/escape.js";
import { plain } from "../fakes/discord/markdown.js";

const tricky = [
  "**bold** __underline__ *italic* _italic_ ~~strike~~ ||spoiler|| `code` ```block```",
  "@everyone @here <@123> <@&456> <#789> <:emoji:1> <t:1700000000:R>",
  "# heading\n## heading\n-# subtext\n- item\n+ item\n* item\n1. first\n10. tenth\n> quote\n>>> quote",
  "[masked](https://example.com) a\\b \\* \\\\ trailing\\",
  "Sessions’ “quotes” – dashes — and 8 USC 1373 stay as they are",
  "",
];

describe("Discord markdown escaping", () => {
  it.each(tricky)("displays exactly the input: %j", (text) => {
    expect(plain(escapeMarkdown(text))).toBe(text);
  });

  it("neutralises mentions and markup", () => {
    expect(escapeMarkdown("@everyone <@123>")).toBe("\\@everyone \\<\\@123\\>");
    expect(escapeMarkdown("**x**")).toBe("\\*\\*x\\*\\*");
    expect(escapeMarkdown("# Title\n- item\n1. one")).toBe("\\# Title\n\\- item\n1\\. one");
  });

  it("leaves ordinary prose alone", () => {
    expect(escapeMarkdown("A well-known 8 USC 1373 rule, in ¶3.")).toBe(
      "A well-known 8 USC 1373 rule, in ¶3.",
    );
  });
});
