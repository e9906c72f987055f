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
    // A free-text word that looks like a flag stays in the text when it sits in the middle.
    ["/quote what private means", { command: "quote", options: { topic: "what private means" } }],
    // The same value twice is taken as once (two different values are refused, below).
    ["/summary full full", { command: "summary", options: { length: "full" } }],
  ])("%s", (line, expected) => {
    expect(parse(line)).toEqual({ ok: true, ...expected });
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

describe("text that would silently do the wrong thing gets a short error instead", () => {
  it.each([
    ["/sumary", "Unknown command “sumary”. Did you mean /summary?"],
    ["/qoute grants", "Unknown command “qoute”. Did you mean /quote?"],
    ["/SUMMRY full", "Unknown command “summry”. Did you mean /summary?"],
    ["/aritcle post", "Unknown command “aritcle”. Did you mean /article?"],
  ])("a command name one typo away: %s", (line, error) => {
    expect(parse(line)).toEqual({ ok: false, error });
  });

  it("leaves a name nothing is near to dispatch, which lists what there is", () => {
    expect(parse("/weather today")).toMatchObject({ ok: true, command: "weather" });
    expect(parse("/xyzzy")).toMatchObject({ ok: true, command: "xyzzy" });
  });

  it.each([
    ["/summary full short", "/summary got both “full” and “short” for length; give one of them."],
    [
      "/summary length:full short",
      "/summary got both “length:full” and “short” for length; give one of them.",
    ],
    [
      "/quote private grants private:no",
      "/quote got both “private” and “private:no” for private; give one of them.",
    ],
    [
      "/article post #news #general",
      "/article post got both “#news” and “#general” for channel; give one of them.",
    ],
  ])("two values for one option: %s", (line, error) => {
    expect(parse(line)).toEqual({ ok: false, error });
  });

  it("asks for #news rather than start a thread titled “news”", () => {
    const asked = parse("/article post news");
    expect(asked).toEqual({
      ok: false,
      error:
        "Did you mean the channel #news? Write /article post #news to post there, or /article post title:news for a thread titled “news” here.",
    });
  });

  it.each([
    ["/article post #news", { channel: "#news" }],
    ["/article post <#C0NEWS|news>", { channel: "<#C0NEWS|news>" }],
    ["/article post title:news", { title: "news" }],
    ["/article post Discussion", { title: "Discussion" }],
    ["/article post read along", { title: "read along" }],
    ["/article post news #general", { title: "news", channel: "#general" }],
  ])("still takes channels and titles as typed: %s", (line, options) => {
    expect(parse(line)).toEqual({ ok: true, command: "article", subcommand: "post", options });
  });
});
