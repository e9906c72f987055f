import { describe, expect, it } from "vitest";
import type { DiscordSettings } from "../../src/adapters/discord/settings.js";
import { shardSettings } from "../../src/adapters/discord/shards/settings.js";
import { configure } from "../../src/adapters/registry.js";
import { ConfigError } from "../../src/runtime/config.js";

/** DISCORD_SHARDS and DISCORD_SHARD_IDS as the registry reads them, and what a shard process runs. */
const DISCORD = { DISCORD_TOKEN: "x".repeat(60), DISCORD_APPLICATION_ID: "123456789012345678" };
const SLACK = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "s".repeat(32), PORT: "3000" };

/** Any C0 control character or DEL. */
const hasControl = (text: string): boolean =>
  [...text].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

const problem = (env: Record<string, string>): string => {
  try {
    shardSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(1);
    return problems[0] ?? "";
  }
  throw new Error("expected a configuration error");
};

describe("DISCORD_SHARDS and DISCORD_SHARD_IDS", () => {
  it.each([
    [{}, undefined],
    [{ DISCORD_SHARDS: "  " }, undefined],
    [{ DISCORD_SHARDS: "auto" }, { count: "auto", ids: undefined }],
    [{ DISCORD_SHARDS: "4" }, { count: 4, ids: undefined }],
    [
      { DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "0-3" },
      { count: 4, ids: [0, 1, 2, 3] },
    ],
    [
      { DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "0,2" },
      { count: 4, ids: [0, 2] },
    ],
    [
      { DISCORD_SHARDS: "16", DISCORD_SHARD_IDS: " 8-9 , 3, 3 ,0-1 " },
      { count: 16, ids: [0, 1, 3, 8, 9] },
    ],
  ])("%j → %j", (env, expected) => {
    expect(shardSettings(env)).toEqual(expected);
  });

  it.each([
    [
      { DISCORD_SHARDS: "0" },
      /^DISCORD_SHARDS must be "auto" or a whole number of shards from 1 to 100000\./u,
    ],
    [{ DISCORD_SHARDS: "2.5" }, /^DISCORD_SHARDS must be "auto" or a whole number/u],
    [{ DISCORD_SHARDS: "many" }, /^DISCORD_SHARDS must be "auto" or a whole number/u],
    [{ DISCORD_SHARD_IDS: "0" }, /^DISCORD_SHARD_IDS needs DISCORD_SHARDS, the total number of shards/u],
    [
      { DISCORD_SHARDS: "auto", DISCORD_SHARD_IDS: "0" },
      /^DISCORD_SHARD_IDS cannot go with DISCORD_SHARDS=auto/u,
    ],
    [
      { DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "4" },
      /^DISCORD_SHARD_IDS names shard 4, outside the 4 shards\. Give shard ids from 0 to 3/u,
    ],
    [
      { DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "2-9" },
      /^DISCORD_SHARD_IDS names shard 9, outside the 4 shards/u,
    ],
    [
      { DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "3-1" },
      /^DISCORD_SHARD_IDS has a range that runs backwards \(3-1\)/u,
    ],
    [{ DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "0,,1" }, /^DISCORD_SHARD_IDS has an empty entry/u],
    [{ DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "-1" }, /^DISCORD_SHARD_IDS is not a list of ids and ranges/u],
  ])("%j: one clear line", (env, expected) => {
    expect(problem(env)).toMatch(expected);
  });

  it("never echoes what was typed: control characters and long input stay out of the line", () => {
    const hostile = problem({ DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: `0\u001b[31m,${"9".repeat(900)}` });
    expect(hostile).toMatch(/^DISCORD_SHARD_IDS is not a list of ids and ranges/u);
    expect(hasControl(hostile)).toBe(false);
    expect(hostile.length).toBeLessThan(200);
    expect(problem({ DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "0,".repeat(600) })).toMatch(
      /^DISCORD_SHARD_IDS is too long/u,
    );
    const bell = problem({ DISCORD_SHARDS: `\u0007${"1".repeat(500)}` });
    expect(hasControl(bell)).toBe(false);
    expect(bell).not.toContain("1111");
  });

  it("reaches the Discord settings through the registry", () => {
    const discord = configure({ ...DISCORD, DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: "1" }).enabled[0];
    expect((discord?.settings as DiscordSettings | undefined)?.shards).toEqual({ count: 2, ids: [1] });
  });
});

describe("a shard process (spawned by the manager)", () => {
  const child = { SHARDING_MANAGER: "true", SHARDS: "1", SHARD_COUNT: "2" };

  it("runs Discord alone, with no health server or sharding of its own, its shard id on every log line", () => {
    const env = { ...DISCORD, ...SLACK, HEALTH_PORT: "8080", DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: "0-1" };
    const manager = configure(env);
    expect(manager.enabled.map((e) => e.definition.name)).toEqual(["discord", "slack"]);
    expect(manager.healthPort).toBe(8080);
    expect(manager.logFields).toBeUndefined();

    const shard = configure({ ...env, ...child });
    expect(shard.enabled.map((e) => e.definition.name)).toEqual(["discord"]);
    expect(shard.enabled[0]?.settings).toMatchObject({ token: DISCORD.DISCORD_TOKEN });
    expect((shard.enabled[0]?.settings as DiscordSettings | undefined)?.shards).toBeUndefined();
    expect(shard.healthPort).toBeUndefined();
    expect(shard.logFields).toEqual({ shard: 1 });
  });

  it("is only what discord.js's manager says it is", () => {
    for (const env of [
      { ...child, SHARDING_MANAGER: "1" },
      { ...child, SHARDS: "2" },
      { ...child, SHARDS: "x" },
    ])
      expect(configure({ ...DISCORD, ...env }).logFields).toBeUndefined();
  });
});
