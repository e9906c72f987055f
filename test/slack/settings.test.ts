import { describe, expect, it } from "vitest";
import { slackSettings } from "../../src/adapters/slack/settings.js";
import { problemsOf } from "../support/slack-settings.js";

/** What an operator reads first when Slack's variables are incomplete. */
const problems = problemsOf(slackSettings);

const TOKEN = { SLACK_BOT_TOKEN: "xoxb-1-2-abc" };

describe("Slack settings: the first line says what to set", () => {
  it("with only SLACK_BOT_TOKEN: Socket Mode's app token, or HTTP mode's secret and PORT, in one line", () => {
    expect(problems(TOKEN)).toEqual([
      "Slack needs SLACK_APP_TOKEN (Socket Mode, no public URL needed), or SLACK_SIGNING_SECRET and PORT (HTTP mode). Set them in .env (see .env.example).",
    ]);
  });

  it("with PORT set, HTTP mode is meant: the signing secret is what is missing", () => {
    expect(problems({ ...TOKEN, PORT: "3000" })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is missing.*HTTP mode \(PORT is set\)/u),
    ]);
  });

  it("with the signing secret but no PORT: PORT or an app token", () => {
    expect(problems({ ...TOKEN, SLACK_SIGNING_SECRET: "s".repeat(32) })).toEqual([
      expect.stringMatching(/SLACK_APP_TOKEN .* or PORT \(HTTP mode\)/u),
    ]);
  });

  it("with an app token: Socket Mode, nothing missing", () => {
    expect(problems({ ...TOKEN, SLACK_APP_TOKEN: "xapp-1-abc" })).toEqual([]);
  });
});
