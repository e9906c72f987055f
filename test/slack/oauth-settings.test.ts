import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { configure } from "../../src/adapters/registry.js";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { start } from "../../src/adapters/slack/start.js";
import type { Env } from "../../src/runtime/config.js";
import { lazyStore } from "../../src/state/lazy.js";
import { stateSettings } from "../../src/state/settings.js";
import { bot } from "../support/article.js";
import { CLIENT, STATE_SECRET } from "../support/slack-oauth.js";
import { problemsOf } from "../support/slack-settings.js";

/** Slack OAuth's configuration: every mistake is one line saying what to set. */
const KEY = randomBytes(32).toString("base64");
const OAUTH: Env = {
  SLACK_CLIENT_ID: CLIENT.id,
  SLACK_CLIENT_SECRET: CLIENT.secret,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_SIGNING_SECRET: "s".repeat(32),
  PORT: "3000",
  TOKEN_ENCRYPTION_KEY: KEY,
};

const problems = problemsOf(configure);

describe("Slack OAuth settings", () => {
  it("with the three variables, the signing secret, PORT and the key: OAuth in HTTP mode, secrets scrubbed", () => {
    const config = configure(OAUTH);
    const settings = slackSettings(OAUTH);
    expect(settings?.mode).toBe("http");
    expect(settings?.oauth).toEqual({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      stateSecret: STATE_SECRET,
      authorizeUrl: "https://slack.com/oauth/v2/authorize",
    });
    expect(config.secrets).toEqual(expect.arrayContaining([CLIENT.secret, STATE_SECRET, KEY]));
  });

  it("without TOKEN_ENCRYPTION_KEY: one line saying how to make one", () => {
    expect(problems({ ...OAUTH, TOKEN_ENCRYPTION_KEY: "" })).toEqual([
      "TOKEN_ENCRYPTION_KEY is missing: Slack OAuth keeps each workspace's tokens encrypted with it; generate one with `openssl rand -base64 32`. Set it in .env (see .env.example).",
    ]);
  });

  it("with a malformed key: the state layer's line, without the key", () => {
    const [line, ...rest] = problems({ ...OAUTH, TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" });
    expect(rest).toEqual([]);
    expect(line).toMatch(/^TOKEN_ENCRYPTION_KEY .*decodes to 5 bytes, not 32/u);
  });

  it("with only some of the three: names those missing", () => {
    expect(problems({ ...OAUTH, SLACK_STATE_SECRET: "" })).toEqual([
      expect.stringMatching(
        /^Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET together; SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set but SLACK_STATE_SECRET is not/u,
      ),
    ]);
  });

  it("with Socket Mode or a bot token: says they exclude each other", () => {
    expect(problems({ ...OAUTH, SLACK_APP_TOKEN: "xapp-1-abc" })).toEqual([
      expect.stringMatching(
        /^Slack OAuth \(SLACK_CLIENT_ID …\) runs in HTTP mode only.*Unset SLACK_APP_TOKEN/u,
      ),
    ]);
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN and Slack OAuth \(SLACK_CLIENT_ID …\) exclude each other/u),
    ]);
  });

  it("without PORT and the signing secret: both named", () => {
    expect(problems({ ...OAUTH, PORT: "", SLACK_SIGNING_SECRET: "" })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is missing: Slack OAuth runs in HTTP mode/u),
      expect.stringMatching(/^PORT is missing: Slack OAuth runs in HTTP mode/u),
    ]);
  });

  it("a key other than the one the tokens were stored with stops start-up with one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "slack-oauth-key-"));
    try {
      const env = { ...OAUTH, PORT: "0", STATE_DIR: dir };
      const first = lazyStore(stateSettings(env), pino({ level: "silent" }));
      await first.get();
      await first.close();
      const other = { ...env, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
      const store = lazyStore(stateSettings(other), pino({ level: "silent" }));
      const config = slackSettings(other);
      if (!config) throw new Error("not configured");
      const host = { adapters: () => [], state: store.get, address: "127.0.0.1" };
      await expect(start(bot, config, host)).rejects.toThrow(
        /TOKEN_ENCRYPTION_KEY is not the key the stored Slack tokens were encrypted with/u,
      );
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
