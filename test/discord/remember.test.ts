import { describe, expect, it } from "vitest";
import { rememberAnswers, rememberRendering } from "../../src/adapters/discord/remember.js";
import { renderReply } from "../../src/adapters/discord/render-reply.js";
import { dispatch, type Invocation } from "../../src/dispatch.js";
import type { Reply } from "../../src/reply.js";
import { article, commands } from "../support/article.js";

const remembered = rememberAnswers(commands);
const ask = (command: string, options: Record<string, unknown>, extra: Partial<Invocation> = {}) =>
  dispatch(
    { command, options, user: { id: "u" }, isModerator: false, platform: "discord", ...extra },
    { article, commands: remembered },
  );

describe("remembered answers", () => {
  it("gives the same frozen answer for the same options, a fresh one for others, equal to the command's own", () => {
    const first = ask("quote", { topic: "grants" });
    expect(ask("quote", { topic: "grants" })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(ask("quote", { topic: "claw back" })).not.toBe(first);
    expect(first).toEqual(
      dispatch(
        {
          command: "quote",
          options: { topic: "grants" },
          user: { id: "u" },
          isModerator: false,
          platform: "discord",
        },
        { article, commands },
      ),
    );
  });

  it("leaves moderator commands and every refusal alone", () => {
    const post = remembered.find((c) => c.name === "article");
    expect(post).toBe(commands.find((c) => c.name === "article"));
    expect(ask("article", {}, { subcommand: "post" })).not.toBe(ask("article", {}, { subcommand: "post" }));
    expect(ask("quote", { topic: "x".repeat(200) })).not.toBe(ask("quote", { topic: "x".repeat(200) }));
  });

  it("renders a remembered answer once, and anything else every time", () => {
    let renders = 0;
    const render = rememberRendering((reply: Reply) => {
      renders += 1;
      return renderReply(reply, article);
    });
    const known = ask("penalties", {}) as Reply;
    expect(render(known)).toBe(render(known));
    const fresh = { ...known };
    render(fresh);
    render(fresh);
    expect(renders).toBe(3);
  });
});
