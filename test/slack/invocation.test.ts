import type { SlashCommand } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { toInvocation } from "../../src/adapters/slack/invocation.js";
import { escapeMrkdwn, unescapeSlack } from "../../src/adapters/slack/render/escape.js";
import { channelRef } from "../../src/adapters/slack/thread/target.js";
import { commands } from "../support/article.js";

const payload = (command: string, text: string) =>
  ({ command, text, user_id: "U1", user_name: "ann", channel_id: "C1" }) as SlashCommand;

describe("slash command text to an Invocation", () => {
  it("parses options with the shared parser", () => {
    expect(toInvocation(payload("/quote", "claw back private"), commands)).toEqual({
      ok: true,
      invocation: {
        command: "quote",
        subcommand: undefined,
        options: { topic: "claw back", private: true },
        user: { id: "U1", name: "ann" },
        isModerator: expect.any(Function),
        platform: "slack",
      },
    });
  });

  it("reads /article post with a channel Slack escaped, and asks Slack who is a moderator", async () => {
    const result = toInvocation(
      payload("/article", "post <#C0NEWS|news> Read along"),
      commands,
      async (id) => id === "U1",
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.invocation).toMatchObject({
      command: "article",
      subcommand: "post",
      options: { channel: "<#C0NEWS|news>", title: "Read along" },
    });
    expect(await result.invocation.isModerator()).toBe(true);
  });

  it("un-escapes what Slack escaped before parsing", () => {
    const result = toInvocation(payload("/quote", "AT&amp;T &lt;b&gt;"), commands);
    expect(result.ok && result.invocation.options.topic).toBe("AT&T <b>");
  });

  it("gives the usage for a malformed command", () => {
    expect(toInvocation(payload("/summary", "everything"), commands)).toEqual({
      ok: false,
      error: "/summary does not take “everything”.\nUsage: /summary [length: short|full] [article] [private]",
    });
  });
});

describe("mrkdwn escaping", () => {
  it("escapes only &, < and >, and un-escapes back", () => {
    const text = "<!channel> & <@U1|bob> *bold* _it_ “quote”";
    expect(escapeMrkdwn(text)).toBe("&lt;!channel&gt; &amp; &lt;@U1|bob&gt; *bold* _it_ “quote”");
    expect(unescapeSlack(escapeMrkdwn(text))).toBe(text);
    expect(unescapeSlack("&amp;lt;")).toBe("&lt;");
  });
});

describe("channel references", () => {
  it("takes Slack's escaped channel, a bare #name, or the channel the command came from", () => {
    expect(channelRef("<#C0NEWS|news>", "C1")).toEqual({ id: "C0NEWS", label: "<#C0NEWS>" });
    expect(channelRef("<#C0NEWS|>", "C1")).toEqual({ id: "C0NEWS", label: "<#C0NEWS>" });
    expect(channelRef("#news", "C1")).toEqual({ id: "#news", label: "#news" });
    expect(channelRef(undefined, "C1")).toEqual({ id: "C1", label: "<#C1>" });
    expect(channelRef(undefined, "D1")).toEqual({ id: "D1", label: "this conversation" });
  });
});
