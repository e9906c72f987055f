import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setInteractionsUrl } from "../../src/adapters/discord/register.js";
import { discordSettings } from "../../src/adapters/discord/settings.js";
import { ConfigError } from "../../src/runtime/config.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { configFor } from "../support/discord.js";

/** DISCORD_PUBLIC_KEY as main.ts reads it, and setting the Interactions Endpoint URL (npm run register). */
const BASE = { DISCORD_TOKEN: "x".repeat(60), DISCORD_APPLICATION_ID: "123456789012345678" };
const KEY = "ab".repeat(32);

const problems = (env: Record<string, string>): string[] => {
  try {
    discordSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("DISCORD_PUBLIC_KEY", () => {
  it("with PORT turns on HTTP interactions, the key in lower case", () => {
    expect(
      discordSettings({ ...BASE, DISCORD_PUBLIC_KEY: KEY.toUpperCase(), PORT: "3000" })?.interactions,
    ).toEqual({ publicKey: KEY, deferAfterMs: 2_500 });
    expect(discordSettings(BASE)?.interactions).toBeUndefined();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      "without PORT",
      { ...BASE, DISCORD_PUBLIC_KEY: KEY },
      /^PORT is missing: .*HTTP interactions need PORT/u,
    ],
    [
      "not 64 hex characters",
      { ...BASE, DISCORD_PUBLIC_KEY: "abc", PORT: "3000" },
      /^DISCORD_PUBLIC_KEY must be the application's public key/u,
    ],
    [
      "without a token",
      { DISCORD_PUBLIC_KEY: KEY, PORT: "3000" },
      /^DISCORD_TOKEN is missing: .*DISCORD_PUBLIC_KEY is set/u,
    ],
    [
      "with DISCORD_SHARDS",
      { ...BASE, DISCORD_PUBLIC_KEY: KEY, PORT: "3000", DISCORD_SHARDS: "2" },
      /^DISCORD_SHARDS and DISCORD_PUBLIC_KEY are both set/u,
    ],
  ])("%s stops start-up with one line saying what to fix", (_, env, line) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(line);
  });
});

describe("setting the Interactions Endpoint URL", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(() => fake.close());

  it("PATCHes /applications/@me with interactions_endpoint_url, with the bot token", async () => {
    const url = "https://bot.example.com/discord/interactions";
    await setInteractionsUrl(configFor(fake), url);
    const [request] = fake.requestsTo("PATCH /applications/@me");
    expect(request?.body).toEqual({ interactions_endpoint_url: url });
    expect(request?.status).toBe(200);
    expect(fake.problems).toEqual([]);
  });
});
