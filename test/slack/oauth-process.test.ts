/**
 * OAuth in the real process (`node dist/src/main.js`, configured by its environment alone): a
 * workspace installed through /slack/install is answered with its own token, still after the
 * process is stopped and a new one started on the same STATE_DIR and key, and no longer after
 * `app_uninstalled`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventCallback } from "../fakes/slack/events.js";
import { postSigned, slashCommandPayload, startFakeSlack, visibleText } from "../fakes/slack/index.js";
import { FakeSlackOAuth } from "../fakes/slack/oauth.js";
import { CLIENT, STATE_SECRET } from "../support/slack-oauth.js";
import { type BotProcess, PROCESS_SECRET, startBotProcess } from "../support/slack-process.js";

describe("Slack OAuth in the real process", () => {
  const dir = mkdtempSync(join(tmpdir(), "slack-oauth-process-"));
  const running: BotProcess[] = [];
  afterAll(async () => {
    for (const p of running) await p.bot.stop("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("an install survives a restart of the process, and app_uninstalled ends it", async () => {
    const fake = await startFakeSlack({
      users: { U0MEMBER: {} },
      channels: { C0GENERAL: { name: "general" } },
    });
    try {
      const oauth = new FakeSlackOAuth(fake.api, { clientId: CLIENT.id, clientSecret: CLIENT.secret });
      const env = {
        SLACK_BOT_TOKEN: "",
        SLACK_CLIENT_ID: CLIENT.id,
        SLACK_CLIENT_SECRET: CLIENT.secret,
        SLACK_STATE_SECRET: STATE_SECRET,
        SLACK_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
        SLACK_MODERATOR_IDS: "U0MOD",
        STATE_DIR: dir,
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        HOST: "127.0.0.1",
      };
      const boot = async () => {
        const p = await startBotProcess("http", { using: fake, env });
        running.push(p);
        return { p, url: p.url ?? "", base: (p.url ?? "").replace(/\/slack\/events$/u, "") };
      };
      const first = await boot();
      oauth.redirectUrls = [`${first.base}/slack/oauth_redirect`];
      const workspace = oauth.workspace();
      oauth.next = workspace;
      const page = await fetch(`${first.base}/slack/install`);
      const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const href = /id="add-to-slack" href="([^"]+)"/u.exec(await page.text())?.[1]?.replaceAll("&#38;", "&");
      const back = await fetch(oauth.allowUrl(href ?? ""), { headers: { cookie } });
      expect(back.status).toBe(200);
      const [token] = oauth.tokensOf(workspace.teamId);
      expect(token).toBeDefined();

      /** A slash command from the installed workspace, as Slack's form body. */
      const form = (command: string, text: string) =>
        new URLSearchParams({
          ...slashCommandPayload({ command, text }, fake.api),
          team_id: workspace.teamId,
        }).toString();
      // users.info is asked with the token the command is answered with.
      const tokenUsed = async (url: string) => {
        const from = fake.api.calls.length;
        const sent = form("/article", "post");
        const answer = await postSigned(url, PROCESS_SECRET, sent);
        expect(visibleText(answer.json ?? {})).toContain("Only moderators can run /article post");
        return fake.api.calls.slice(from).find((c) => c.method === "users.info")?.token;
      };
      expect(await tokenUsed(first.url)).toBe(token);

      expect((await first.p.bot.stop("SIGTERM")).code).toBe(0);
      const second = await boot();
      expect(await tokenUsed(second.url)).toBe(token);

      const body = JSON.stringify(eventCallback({ type: "app_uninstalled" }, { team: workspace.teamId }));
      expect(
        (await postSigned(second.url, PROCESS_SECRET, body, { contentType: "application/json" })).status,
      ).toBe(200);
      const after = await postSigned(second.url, PROCESS_SECRET, form("/help", ""));
      expect(after.status).toBe(200);
      expect(after.body).toBe("");
      await second.p.bot.waitForLog(
        (l) => l.msg === "ignored a request from a workspace where the app is not installed",
      );
    } finally {
      await fake.close();
    }
  }, 60_000);
});
