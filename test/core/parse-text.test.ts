import { describe, expect, it } from "vitest";
import { parseArguments, parseCommandLine } from "../../src/core/parse-text.js";
import { commands } from "../support/article.js";

const parse = (line: string) => parseCommandLine(line, commands);

describe("chat text to options", () => {
  it.each([
    ["/summary", { command: "summary", options: {} }],
    ["/summary full", { command: "summary", options: { length: "full" } }],
    ["/summary FULL private", { command: "summary", options: { length: "full", private: true } }],
    ["/summary length:full", { command: "summary", options: { length: "full" } }],
    ["/summary private:false", { command: "summary", options: { private: false } }],
    ["/quote grants", { command: "quote", options: { topic: "grants" } }],
    ["/quote claw back private", { command: "quote", options: { topic: "claw back", private: true } }],
    ["/quote private claw back", { command: "quote", options: { private: true, topic: "claw back" } }],
    ["/quote topic:claw back", { command: "quote", options: { topic: "claw back" } }],
    ["/quote private sector jobs", { command: "quote", options: { private: true, topic: "sector jobs" } }],
    ["/quote  8 USC   1373 ", { command: "quote", options: { topic: "8 USC 1373" } }],
    ["/QUOTE grants", { command: "quote", options: { topic: "grants" } }],
    ["/article post", { command: "article", subcommand: "post", options: {} }],
    ["/article post #news", { command: "article", subcommand: "post", options: { channel: "#news" } }],
    [
      "/article post Talk about it <#C0123|news>",
      {
        command: "article",
        subcommand: "post",
        options: { title: "Talk about it", channel: "<#C0123|news>" },
      },
    ],
    ["/article delete", { command: "article", subcommand: "delete", options: {} }],
    ["/weather today", { command: "weather", options: {} }],
  ])("%s", (line, expected) => {
    expect(parse(line)).toEqual({ ok: true, ...expected });
  });

  it("keeps a free-text word that looks like a flag when it sits in the middle", () => {
    expect(parse("/quote what private means")).toEqual({
      ok: true,
      command: "quote",
      options: { topic: "what private means" },
    });
  });

  it("explains words a command does not take", () => {
    const parsed = parse("/summary everything");
    expect(parsed).toEqual({
      ok: false,
      error: expect.stringContaining("/summary does not take “everything”"),
    });
  });

  it("needs a slash", () => {
    expect(parse("summary")).toEqual({ ok: false, error: expect.stringContaining("start with a slash") });
  });

  it("parses Slack-style text given apart from the command", () => {
    expect(parseArguments("quote", "<!channel> grants", commands)).toEqual({
      ok: true,
      command: "quote",
      options: { topic: "<!channel> grants" },
    });
  });
});
