import { describe, expect, it } from "vitest";
import type { AdapterDefinition } from "../../src/adapters/contract.js";
import { discord } from "../../src/adapters/discord/definition.js";
import { type Config, configure } from "../../src/adapters/registry.js";
import { slack } from "../../src/adapters/slack/definition.js";
import { ConfigError } from "../../src/runtime/config.js";

const settingsOf = <S>(config: Config, definition: AdapterDefinition<S>): S | undefined =>
  config.enabled.find((e) => e.definition === (definition as AdapterDefinition))?.settings as S | undefined;

/** The shared settings and each platform's own, as main.ts reads them through the registry. */
const parseConfig = (env: Record<string, string>) => {
  const config = configure(env);
  return { ...config, discord: settingsOf(config, discord), slack: settingsOf(config, slack) };
};

const problems = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a configuration error");
};

const DISCORD = { DISCORD_TOKEN: "x".repeat(60), DISCORD_APPLICATION_ID: "123456789012345678" };

describe("configuration", () => {
  it("runs no platform when no tokens are set (console mode), and treats blank values as unset", () => {
    const config = parseConfig({ DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "  " });
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.secrets).toEqual([]);
  });

  it("configures Discord with the default API URL", () => {
    const config = parseConfig(DISCORD);
    expect(config.discord).toEqual({
      token: DISCORD.DISCORD_TOKEN,
      applicationId: DISCORD.DISCORD_APPLICATION_ID,
      guildId: undefined,
      apiUrl: "https://discord.com/api",
    });
    expect(config.secrets).toEqual([DISCORD.DISCORD_TOKEN]);
  });

  it("names a missing variable and how to fix it, in one line", () => {
    const [line, ...rest] = problems({ DISCORD_TOKEN: DISCORD.DISCORD_TOKEN });
    expect(rest).toEqual([]);
    expect(line).toMatch(/^DISCORD_APPLICATION_ID is missing: .*Set it in \.env \(see \.env\.example\)\.$/u);
    expect(line).not.toContain("\n");
  });

  it("names a malformed variable", () => {
    expect(problems({ ...DISCORD, DISCORD_GUILD_ID: "general" })).toEqual([
      "DISCORD_GUILD_ID must be a Discord ID: 17 to 20 digits. Fix it in .env (see .env.example).",
    ]);
    expect(problems({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL /u);
    expect(
      problems({ SLACK_BOT_TOKEN: "xoxp-1", PORT: "3000", SLACK_SIGNING_SECRET: "s".repeat(32) })[0],
    ).toMatch(/^SLACK_BOT_TOKEN must start with xoxb-/u);
  });

  it("chooses Slack Socket Mode with an app token, HTTP mode with a port, and refuses neither", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "s".repeat(32) };
    expect(parseConfig({ ...base, SLACK_APP_TOKEN: "xapp-1-abc" }).slack?.mode).toBe("socket");
    expect(parseConfig({ ...base, PORT: "3000" }).slack?.mode).toBe("http");
    expect(problems(base)[0]).toMatch(/SLACK_APP_TOKEN .* or PORT/u);
    expect(problems({ SLACK_APP_TOKEN: "xapp-1-abc" })[0]).toMatch(/^SLACK_BOT_TOKEN is missing/u);
  });

  it("reads Slack moderators as a list", () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_APP_TOKEN: "xapp-1-abc",
      SLACK_MODERATOR_IDS: "U01, W02 ,U03",
      SLACK_ADMINS_ARE_MODERATORS: "false",
    });
    expect(config.slack?.moderatorIds).toEqual(["U01", "W02", "U03"]);
    expect(config.slack?.adminsAreModerators).toBe(false);
  });
});
