import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildManifest } from "../../src/adapters/slack/register.js";
import { buttonsIn, httpActions, visibleText } from "../fakes/slack/index.js";
import { commands } from "../support/article.js";
import { MODERATOR } from "../support/slack-harness.js";
import { type OAuthHarness, startOAuthHarness } from "../support/slack-oauth.js";

/**
 * OAuth for many workspaces, end to end: Bolt's real HTTPReceiver and installer against the fake
 * Slack's OAuth side, installations in an SQLite file. Each workspace's commands are answered with
 * its own token, a workspace that is not installed gets nothing, and uninstalling (or revoking)
 * removes what it names.
 */
let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness();
});
afterAll(() => h.close());

/** The Web API calls made since `from`, as [method, token]. */
const callsSince = (from: number) => h.fake.api.calls.slice(from).map((c) => [c.method, c.token]);

describe("installing", () => {
  it("serves the install page with an Add to Slack link to the authorize URL, and a state cookie", async () => {
    const page = await fetch(`${h.base}/slack/install`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/u);
    expect(page.headers.get("set-cookie")).toMatch(/^slack-app-oauth-state=/u);
    const href = /id="add-to-slack" href="([^"]+)"/u.exec(await page.text())?.[1]?.replaceAll("&#38;", "&");
    const url = new URL(href ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(h.oauth.authorizeUrl);
    expect(url.searchParams.get("client_id")).toBe(h.env.SLACK_CLIENT_ID);
    // Exactly the bot scopes the manifest declares (test/slack/manifest.test.ts lists them).
    const manifest = buildManifest(commands, { name: "", socketMode: false, adminsAreModerators: true });
    expect(url.searchParams.get("scope")?.split(",")).toEqual(manifest.oauth_config.scopes.bot);
    expect(url.searchParams.get("state")).toBeTruthy();
  });

  it("completes the install, answers each workspace with its own token, and ignores one not installed", async () => {
    const one = await h.install();
    const two = await h.install();
    for (const done of [one, two]) {
      expect(done.status).toBe(200);
      expect(done.html).toContain(`Article Bot is installed in <strong>${done.workspace.teamName}</strong>`);
    }
    const [tokenOne] = h.oauth.tokensOf(one.workspace.teamId);
    const [tokenTwo] = h.oauth.tokensOf(two.workspace.teamId);
    expect(tokenOne).toBeDefined();
    expect(tokenTwo).not.toBe(tokenOne);

    // /summary private answers in the ack; /article post from a member asks users.info whether they
    // are an admin, with the token of the workspace the command came from.
    for (const [team, token] of [
      [one.workspace.teamId, tokenOne],
      [two.workspace.teamId, tokenTwo],
    ] as const) {
      const asked = await h.command(team, "/summary private");
      expect(asked.status).toBe(200);
      expect(visibleText(asked.json ?? {})).toContain("Summary:");
      const from = h.fake.api.calls.length;
      const slow = await h.command(team, "/article post");
      expect(slow.status).toBe(200);
      expect(visibleText(slow.json ?? {})).toContain("Only moderators can run /article post");
      expect(callsSince(from).filter(([m]) => m === "users.info")).toEqual([["users.info", token]]);
    }

    const lines = h.logs.length;
    const from = h.fake.api.calls.length;
    const stranger = await h.command("T0NOTINSTALLED", "/summary");
    expect(stranger.status).toBe(200);
    expect(stranger.body).toBe("");
    expect(callsSince(from)).toEqual([]);
    const said = h.logs.slice(lines).filter((l) => Number(l.level) >= 30);
    expect(said.map((l) => [l.msg, l.team])).toEqual([
      ["ignored a request from a workspace where the app is not installed", "T0NOTINSTALLED"],
    ]);
  });

  it("posts a moderator's /article post thread with that workspace's token alone", async () => {
    const { workspace } = await h.install();
    const [token] = h.oauth.tokensOf(workspace.teamId);
    const from = h.fake.api.calls.length;
    const asked = await h.command(workspace.teamId, "/article post confirm:false", undefined, MODERATOR);
    expect(asked.status).toBe(200);
    const report = await h.fake.api.waitFor(
      (c) =>
        c.method === "response_url" &&
        c.responseUrl === asked.responseUrl &&
        /Posted/u.test(visibleText(c.params)),
    );
    expect(visibleText(report.params)).toContain("Posted");
    const made = h.fake.api.calls.slice(from).filter((c) => !["ack", "response_url"].includes(c.method));
    expect(made.map((c) => c.method)).toContain("chat.postMessage");
    expect(new Set(made.map((c) => c.token))).toEqual(new Set([token]));
  });

  it("a preview's Post pressed in an installed workspace posts with that workspace's token", async () => {
    const { workspace } = await h.install();
    const [token] = h.oauth.tokensOf(workspace.teamId);
    const preview = await h.command(workspace.teamId, "/article post Pressed here", undefined, MODERATOR);
    const post = buttonsIn(preview.json).find((b) => b.text === "Post");
    if (!post) throw new Error("no Post button in the preview");
    const from = h.fake.api.calls.length;
    const buttons = httpActions(h.fake.api, h.adapter.url ?? "", h.env.SLACK_SIGNING_SECRET ?? "");
    const pressed = await buttons.press(post, { ...MODERATOR, team_id: workspace.teamId });
    expect(pressed.status).toBe(200);
    const report = await h.fake.api.waitFor(
      (c) => c.responseUrl === pressed.responseUrl && /^Posted /u.test(visibleText(c.params)),
    );
    expect(visibleText(report.params)).toMatch(/^Posted /u);
    const made = h.fake.api.calls.slice(from).filter((c) => !["ack", "response_url"].includes(c.method));
    expect(made.map((c) => c.method)).toContain("chat.postMessage");
    expect(new Set(made.map((c) => c.token))).toEqual(new Set([token]));
  });

  it("shows a clear failure page when the state is not this browser's, and installs nothing", async () => {
    const page = await fetch(`${h.base}/slack/install`);
    const href = /href="([^"]+)"/u.exec(await page.text())?.[1]?.replaceAll("&#38;", "&") ?? "";
    const workspace = h.oauth.workspace();
    h.oauth.next = workspace;
    const back = await fetch(h.oauth.allowUrl(href)); // no cookie: another browser
    expect(back.status).toBe(400);
    const html = await back.text();
    expect(html).toContain("The installation did not finish");
    expect(html).toContain('<a href="/slack/install">Start again</a>');
    expect(h.oauth.tokensOf(workspace.teamId)).toEqual([]);
  });
});

describe("uninstalling", () => {
  it.each([
    ["app_uninstalled then tokens_revoked", ["app_uninstalled", "tokens_revoked"]],
    ["tokens_revoked then app_uninstalled", ["tokens_revoked", "app_uninstalled"]],
  ])("%s: the installation is gone and its commands get no answer", async (_, order) => {
    const { workspace } = await h.install();
    const team = workspace.teamId;
    expect(visibleText((await h.command(team, "/help")).json ?? {})).toContain("/summary");
    for (const type of order) {
      const event =
        type === "app_uninstalled"
          ? { type }
          : { type, tokens: { oauth: [], bot: [workspace.botUserId] }, event_ts: "1.0" };
      expect((await h.event(team, event)).status).toBe(200);
    }
    const after = await h.command(team, "/help");
    expect(after.body).toBe("");
    expect(h.logs.filter((l) => l.msg === "Slack installation removed" && l.team === team)).toHaveLength(1);
  });

  it("keeps the installation when only user tokens are revoked", async () => {
    const { workspace } = await h.install();
    const event = { type: "tokens_revoked", tokens: { oauth: [workspace.userId], bot: [] }, event_ts: "1.0" };
    expect((await h.event(workspace.teamId, event)).status).toBe(200);
    expect(visibleText((await h.command(workspace.teamId, "/help")).json ?? {})).toContain("/summary");
  });

  it("remembers installations across a restart", async () => {
    const { workspace } = await h.install();
    await h.restart();
    const asked = await h.command(workspace.teamId, "/help");
    expect(visibleText(asked.json ?? {})).toContain("/summary");
  });
});
