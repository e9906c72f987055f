import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../fakes/slack/index.js";
import { type OAuthHarness, startOAuthHarness } from "../support/slack-oauth.js";

/**
 * Token rotation with OAuth: a bot token near its expiry is refreshed once (oauth.v2.access with
 * grant_type=refresh_token) however many commands need it at the same moment, in one process or
 * in two replicas sharing the database (a lease there), and the refreshed token is used afterwards.
 */
let h: OAuthHarness;
beforeAll(async () => {
  // Tokens last five minutes at install; anything within ten minutes of expiry is refreshed.
  h = await startOAuthHarness({ rotation: { expiresInSeconds: 300 }, start: { refreshMarginMs: 600_000 } });
});
afterAll(() => h.close());

const refreshes = () =>
  h.fake.api.callsTo("oauth.v2.access").filter((c) => c.params.grant_type === "refresh_token");

/** users.info is asked with the token the command was answered with. */
async function tokenUsedBy(team: string, url?: string): Promise<string | undefined> {
  const from = h.fake.api.calls.length;
  const asked = await h.command(team, "/article post", url);
  expect(visibleText(asked.json ?? {})).toContain("Only moderators can run /article post");
  return h.fake.api.calls.slice(from).find((c) => c.method === "users.info")?.token;
}

describe("token rotation", () => {
  it("refreshes once for several concurrent commands, and uses the new token after", async () => {
    const { workspace } = await h.install();
    const team = workspace.teamId;
    const [installed] = h.oauth.tokensOf(team);
    h.oauth.expiresInSeconds = 12 * 60 * 60; // refreshed tokens last Slack's 12 hours
    const before = refreshes().length;
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.command(team, "/help")));
    for (const a of answers) expect(visibleText(a.json ?? {})).toContain("/summary");
    expect(refreshes().length - before).toBe(1);
    const refreshed = h.oauth.tokensOf(team).find((t) => t !== installed);
    expect(refreshed).toBeDefined();
    expect(await tokenUsedBy(team)).toBe(refreshed);
    expect(refreshes().length - before).toBe(1);
    expect(h.logs.filter((l) => l.msg === "refreshed the Slack bot token" && l.team === team)).toHaveLength(
      1,
    );
  });

  it("two replicas needing a refresh at once: one refresh call, and both use its token", async () => {
    h.oauth.expiresInSeconds = 300;
    const { workspace } = await h.install();
    const team = workspace.teamId;
    h.oauth.expiresInSeconds = 12 * 60 * 60;
    const other = await h.replica();
    try {
      const before = refreshes().length;
      const answers = await Promise.all([
        ...Array.from({ length: 3 }, () => h.command(team, "/help")),
        ...Array.from({ length: 3 }, () => h.command(team, "/help", other.url)),
      ]);
      for (const a of answers) expect(visibleText(a.json ?? {})).toContain("/summary");
      // One replica claimed the refresh; the other waited for its token.
      const made = refreshes().slice(before);
      expect(made).toHaveLength(1);
      const winner = (made[0]?.response as { access_token?: string } | undefined)?.access_token;
      expect(winner).toBeDefined();
      expect(await tokenUsedBy(team)).toBe(winner);
      expect(await tokenUsedBy(team, other.url)).toBe(winner);
    } finally {
      await other.stop();
    }
  });
});
