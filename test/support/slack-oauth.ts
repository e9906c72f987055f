/**
 * The Slack adapter with OAuth (real Bolt HTTPReceiver and installer) in this process, against the
 * fake Web API with its OAuth side, its installations in an SQLite file of a temp STATE_DIR that
 * outlives `restart()`. `install()` walks the flow the way a browser would, over fetch (cookie
 * and all); the Chromium test walks it in a real browser.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { AdapterHost } from "../../src/adapters/contract.js";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { type SlackAdapter, type SlackStartOptions, start } from "../../src/adapters/slack/start.js";
import { createBot } from "../../src/core/answer.js";
import { type LazyStore, lazyStore } from "../../src/state/lazy.js";
import { stateSettings } from "../../src/state/settings.js";
import { eventCallback } from "../fakes/slack/events.js";
import {
  type FakeSlack,
  type HttpAnswer,
  postSigned,
  slashCommandPayload,
  startFakeSlack,
} from "../fakes/slack/index.js";
import { type FakeOAuthOptions, FakeSlackOAuth, type FakeWorkspace } from "../fakes/slack/oauth.js";
import { article, commands } from "./article.js";
import { keptLog } from "./log-lines.js";
import { MODERATOR, SECRET } from "./slack-harness.js";

export const CLIENT = { id: "1111111111.2222222222", secret: "fake-client-secret-0123456789" };
export const STATE_SECRET = "fake-state-secret-0123456789abcdef";

export interface OAuthHarness {
  fake: FakeSlack;
  oauth: FakeSlackOAuth;
  adapter: SlackAdapter;
  /** http://127.0.0.1:<port>, where /slack/install and /slack/events are. */
  base: string;
  env: Record<string, string>;
  logs: Record<string, unknown>[];
  /** The install flow over fetch; resolves with the success page's status and HTML. */
  install(workspace?: FakeWorkspace): Promise<{ status: number; html: string; workspace: FakeWorkspace }>;
  /** A signed slash command from `team`; resolves with the HTTP answer. */
  command(
    team: string,
    line: string,
    url?: string,
    fields?: Record<string, string>,
  ): Promise<HttpAnswer & { responseUrl: string }>;
  /** A signed Events API delivery from `team`. */
  event(team: string, event: Record<string, unknown>): ReturnType<typeof postSigned>;
  /** Another replica: a second adapter with its own database connection to the same file. */
  replica(): Promise<{ url: string; stop(): Promise<void> }>;
  /** Stops the adapter and closes the database, then starts both again on the same file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startOAuthHarness(
  options: { rotation?: FakeOAuthOptions["rotation"]; start?: SlackStartOptions } = {},
): Promise<OAuthHarness> {
  const fake = await startFakeSlack({
    users: { U0MEMBER: {} },
    channels: { C0GENERAL: { name: "general" } },
  });
  const oauth = new FakeSlackOAuth(fake.api, {
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    ...(options.rotation ? { rotation: options.rotation } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), "slack-oauth-"));
  const env: Record<string, string> = {
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_OAUTH_AUTHORIZE_URL: oauth.authorizeUrl,
    SLACK_API_URL: fake.api.url,
    PORT: "0",
    SLACK_MODERATOR_IDS: MODERATOR.user_id,
    STATE_DIR: dir,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const config = slackSettings(env);
  if (!config) throw new Error("Slack is not configured");
  const { logs, log } = keptLog();
  const bot = createBot({ article, commands, log });

  let store: LazyStore;
  let adapter: SlackAdapter;
  const boot = async () => {
    store = lazyStore(stateSettings(env), pino({ level: "silent" }));
    const host: AdapterHost = { adapters: () => [adapter], state: store.get, address: "127.0.0.1" };
    adapter = await start(bot, config, host, { paceMs: 0, retryConfig: { retries: 0 }, ...options.start });
    const base = (adapter.url ?? "").replace(/\/slack\/events$/u, "");
    oauth.redirectUrls = [`${base}/slack/oauth_redirect`];
    h.adapter = adapter;
    h.base = base;
  };

  const h: OAuthHarness = {
    fake,
    oauth,
    env,
    logs,
    adapter: undefined as unknown as SlackAdapter,
    base: "",
    async install(workspace = oauth.workspace()) {
      oauth.next = workspace;
      const page = await fetch(`${h.base}/slack/install`);
      const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const href = /id="add-to-slack" href="([^"]+)"/u.exec(await page.text())?.[1]?.replaceAll("&#38;", "&");
      if (!href) throw new Error("no Add to Slack link on the install page");
      const back = await fetch(oauth.allowUrl(href), { headers: { cookie } });
      return { status: back.status, html: await back.text(), workspace };
    },
    command(team, line, url = h.adapter.url ?? "", fields = {}) {
      const [command = "", ...rest] = line.split(" ");
      const payload: Record<string, string> = {
        ...slashCommandPayload({ command, text: rest.join(" ") }, fake.api),
        team_id: team,
        ...fields,
      };
      return postSigned(url, SECRET, new URLSearchParams(payload).toString()).then((a) => ({
        ...a,
        responseUrl: payload.response_url ?? "",
      }));
    },
    event(team, event) {
      const body = eventCallback(event, { team });
      return postSigned(h.adapter.url ?? "", SECRET, JSON.stringify(body), {
        contentType: "application/json",
      });
    },
    async replica() {
      const own = lazyStore(stateSettings(env), pino({ level: "silent" }));
      const host: AdapterHost = { adapters: () => [], state: own.get, address: "127.0.0.1" };
      const second = await start(bot, config, host, {
        paceMs: 0,
        retryConfig: { retries: 0 },
        ...options.start,
      });
      return {
        url: second.url ?? "",
        async stop() {
          await second.stop();
          await own.close();
        },
      };
    },
    async restart() {
      await adapter.stop();
      await store.close();
      await boot();
    },
    async close() {
      await adapter.stop();
      await store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await boot();
  return h;
}
