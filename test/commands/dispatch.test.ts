import { describe, expect, it } from "vitest";
import { commands as allCommands } from "../../commands/index.js";
import { answer } from "../../src/core/answer.js";
import { forArticle } from "../../src/core/command.js";
import type { Reply, ThreadPlan } from "../../src/core/reply.js";
import { article, ask, bot, commands, run } from "../support/article.js";

const errorText = (reply: unknown) => {
  const r = reply as Reply;
  expect(r.kind).toBe("message");
  expect(r.tone).toBe("error");
  expect(r.visibility).toBe("private");
  return r.blocks.map((b) => (b.type === "text" ? b.text : "")).join("\n");
};

describe("option validation", () => {
  it("refuses a topic over 100 characters, saying what is allowed", () => {
    expect(errorText(run("quote", { topic: "g".repeat(101) }))).toContain(
      "“topic” must be text of at most 100 characters, without control characters.",
    );
    expect((run("quote", { topic: "g".repeat(100) }) as Reply).tone).toBeUndefined();
  });

  it("refuses control characters", () => {
    expect(errorText(run("quote", { topic: "grants\u0007" }))).toContain("without control characters");
    expect(errorText(run("quote", { topic: "a\u001b[31mred" }))).toContain("“topic”");
  });

  it("refuses an unknown choice and lists the allowed ones", () => {
    const text = errorText(run("summary", { length: "long" }));
    expect(text).toContain("“length” must be one of: short, full");
    expect(text).toContain("Usage: /summary [length: short|full] [article] [private]");
  });

  it("refuses an unknown option", () => {
    expect(errorText(run("penalties", { topic: "x" }))).toContain(
      "/penalties has no option “topic”. It takes: article, private.",
    );
  });

  it("explains unknown commands and missing subcommands", () => {
    expect(errorText(run("weather"))).toContain("There is no /weather command. Type /help");
    expect(errorText(run("article"))).toContain("/article needs one of: /article post");
  });
});

describe("moderator-only /article post", () => {
  it("is refused to members, and nothing is planned", async () => {
    const reply = await ask("article", {}, { subcommand: "post", isModerator: () => false });
    expect(reply.kind).toBe("message");
    expect(errorText(reply)).toBe("Only moderators can run /article post. Nothing was posted.");
  });

  it("gives moderators a plan: title, header with outlets and tl;dr, the whole article, a closing line", () => {
    const plan = run("article", { title: "Discuss: grants" }, { subcommand: "post" }) as ThreadPlan;
    expect(plan.kind).toBe("thread");
    expect(plan.threadTitle).toBe("Discuss: grants");
    const header = plan.header.blocks.map((b) => (b.type === "text" ? b.text : "")).join(" ");
    expect(header).toContain("Cox Media and Fox News");
    expect(header).toContain("tl;dr:");
    const body = plan.body.map((s) => article.text.slice(s.start, s.end)).join("\n\n");
    expect(`${body}\n\n`).toBe(article.text);
    // Which commands to suggest, not how: each platform words that (a mention on Slack).
    expect(plan.closing).toBe("That is the whole article. Discuss it here.");
    expect(plan.suggest).toEqual(["summary", "quote grants", "penalties"]);
    expect((run("article", {}, { subcommand: "post" }) as ThreadPlan).threadTitle).toBe(article.title);
  });
});

describe("/help", () => {
  it("lists every command with its options and an example, from the definitions", () => {
    const reply = run("help") as Reply;
    const headings = reply.blocks
      .filter((b) => b.type === "heading")
      .map((b) => (b.type === "heading" ? b.text : ""));
    expect(headings.map((h) => h.split(" ")[0])).toEqual(commands.map((c) => `/${c.name}`));
    expect(headings).toContain("/article post [channel] [title] [article] [full] [confirm]");
    for (const c of commands) {
      for (const name of Object.keys(c.options)) expect(JSON.stringify(reply)).toContain(`${name}: `);
      expect(JSON.stringify(reply)).toContain(c.examples.at(-1));
    }
  });
});

describe("answers to repeated commands", () => {
  it("come from a cache of frozen outcomes, equal to a fresh answer", async () => {
    const first = run("quote", { topic: "claw back" });
    const again = run("quote", { topic: "claw back" });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as Reply).blocks.push({ type: "text", text: "tampered" });
    }).toThrow(TypeError);
    expect(run("quote", { topic: "claw back", private: true })).not.toBe(first);
    // Access is checked before the cache: a member never gets a moderator's plan.
    expect((run("article", {}, { subcommand: "post" }) as { kind: string }).kind).toBe("thread");
    expect(errorText(await ask("article", {}, { subcommand: "post", isModerator: () => false }))).toContain(
      "Only moderators",
    );
  });
});

describe("command descriptions", () => {
  it("name the article's speaker from its data, never a placeholder", () => {
    const texts = commands.flatMap((c) => [
      c.description,
      ...Object.values(c.options).map((o) => o.description),
    ]);
    expect(texts.join("\n")).not.toMatch(/[{}]/u);
    expect(commands.find((c) => c.name === "quote")?.description).toMatch(/^Sessions’ own words/u);
    const other = forArticle(allCommands, { speaker: { name: "Jane Doe", role: "Mayor" } });
    expect(other.find((c) => c.name === "quote")?.description).toMatch(/^Doe’s own words/u);
    expect(other.find((c) => c.name === "quote")?.options.speaker?.description).toMatch(/e\.g\. Doe$/u);
    // Filled again for another article, from the templates: nothing of the first article is left.
    const again = forArticle(other, { kind: "added", speakers: ["Ann Lee"] });
    expect(again.find((c) => c.name === "quote")?.description).toMatch(/^Lee’s own words/u);
  });
});

describe("the order of answers for a command about an article", () => {
  // Through answer(), which finds the article with the bot's own library (no database here, so a
  // name it does not know is refused at once).
  const asked = (options: Record<string, unknown>) =>
    answer(bot, {
      command: "quote",
      options,
      user: { id: "u1" },
      isModerator: () => false,
      platform: "console",
    });

  it("answers a malformed option before looking the article up", async () => {
    const text = errorText(await asked({ topic: "g".repeat(101), article: "nope" }));
    expect(text).toContain("“topic” must be text of at most 100 characters");
    expect(text).not.toContain("nope");
  });

  it("looks the article up once the options are valid, and says when there is none", async () => {
    expect(errorText(await asked({ topic: "grants", article: "nope" }))).toMatch(
      /^There is no article named “nope” here\./u,
    );
  });
});
