import { describe, expect, it } from "vitest";
import { postArticle, shownText, statusOf, useHarness } from "../support/discord.js";

/**
 * Discord answering 401 to the bot's token (reset in the Developer Portal, or the bot deleted):
 * nothing the bot does fixes that, so it says so plainly to moderators, once in the log, and in
 * its health, instead of "try again in a minute" and "Expected token to be set".
 */
const h = useHarness();

const THREADS = "POST /channels/:channel/threads";
const RESET = "Whoever runs the bot must reset its token (Developer Portal → Bot) and restart it.";

describe("when Discord rejects the bot's token mid-run", () => {
  it("a 401 on thread creation: the moderator is told the token is no longer valid, and health says so", async () => {
    expect(h.bot.health()).toEqual({ state: "ready" });
    h.fake.failNext({ route: THREADS, status: 401, body: { message: "401: Unauthorized", code: 0 } });
    const r = await postArticle(h.fake, { options: { title: "First" } });
    expect(statusOf(r)).toBe(
      `Could not create a thread in <#${h.fake.state.ids.general}>: Discord says the bot's token is no longer valid (401 Unauthorized). Nothing was posted. ${RESET}`,
    );
    expect(h.bot.health()).toMatchObject({
      state: "stopped",
      detail: expect.stringMatching(/token is no longer valid/u),
    });
    const told = h.logs.filter((l) => /rejected the bot's token/u.test(l.msg));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 50, platform: "discord" });
  });

  it("later posts say the same at once, without trying; other commands are still answered", async () => {
    const threads = h.fake.requestsTo(THREADS).length;
    const r = await postArticle(h.fake, { options: { title: "Second" } });
    expect(statusOf(r)).toBe(
      `Could not post the article: Discord says the bot's token is no longer valid (401 Unauthorized). Nothing was posted. ${RESET}`,
    );
    expect(h.fake.requestsTo(THREADS)).toHaveLength(threads);
    expect(JSON.stringify(h.logs)).not.toContain("Expected token to be set");
    // Interaction answers use the interaction's own token, which Discord still accepts.
    const help = await h.fake.interact({ command: "help" }).answered();
    expect(shownText(help)).toContain("/summary");
    expect(h.logs.filter((l) => /rejected the bot's token/u.test(l.msg))).toHaveLength(1);
  });
});
