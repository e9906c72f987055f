import { describe, expect, it } from "vitest";
import { renderReply as discordRender } from "../../src/adapters/discord/render-reply.js";
import { renderReply as slackRender } from "../../src/adapters/slack/render.js";
import { renderOnce } from "../../src/core/freeze.js";
import type { Reply } from "../../src/core/reply.js";
import { article, run } from "../support/article.js";

describe("renderOnce", () => {
  it.each([
    ["Discord", (r: Reply) => discordRender(r, article)],
    ["Slack", (r: Reply) => slackRender(r, article)],
  ] as const)(
    "renders a shared (cached, frozen) answer once for %s, anything else every time",
    (_name, render) => {
      let renders = 0;
      const once = renderOnce((reply: Reply) => {
        renders += 1;
        return render(reply);
      });
      const shared = run("penalties") as Reply;
      expect(Object.isFrozen(shared)).toBe(true);
      const first = once(shared);
      expect(once(shared)).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      const fresh = { ...shared };
      once(fresh);
      once(fresh);
      expect(renders).toBe(3);
      expect(first).toEqual(render(fresh));
    },
  );
});
