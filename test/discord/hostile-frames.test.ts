import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { shownText, startBotProcess, startRegisteredFake } from "../support/discord.js";
import type { RunningProcess } from "../support/running-process.js";

/**
 * Gateway frames discord.js cannot read (a buggy proxy, a Discord incident, a hostile gateway): each
 * costs that one event, is logged once in a short line without its payload, and the bot, a real
 * process, stays up and answers the next interaction.
 */
let fake: FakeDiscord;
let bot: RunningProcess;
beforeAll(async () => {
  fake = await startRegisteredFake();
  bot = await startBotProcess(fake);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const help = () => fake.payloadFor({ command: "help" });
const member = () => help().member as Record<string, unknown>;
const withoutUser = () => {
  const { user: _user, ...rest } = member();
  return rest;
};

const FRAMES: [string, string, () => unknown][] = [
  ["INTERACTION_CREATE with d: null", "INTERACTION_CREATE", () => null],
  ["INTERACTION_CREATE with d: a string", "INTERACTION_CREATE", () => "hello"],
  ["INTERACTION_CREATE with data: null", "INTERACTION_CREATE", () => ({ ...help(), data: null })],
  ["a member without user", "INTERACTION_CREATE", () => ({ ...help(), member: withoutUser() })],
  [
    "non-numeric member permissions",
    "INTERACTION_CREATE",
    () => ({ ...help(), member: { ...member(), permissions: "all of them" } }),
  ],
  ["non-numeric app_permissions", "INTERACTION_CREATE", () => ({ ...help(), app_permissions: "x1" })],
  [
    // Passes the bot's checks, and discord.js throws on it: caught where discord.js handles it.
    "a subcommand whose options are not a list",
    "INTERACTION_CREATE",
    () => ({
      ...help(),
      data: { ...(help().data as object), options: [{ name: "x", type: 1, options: "no" }] },
    }),
  ],
  ["GUILD_CREATE of null", "GUILD_CREATE", () => null],
  ["GUILD_CREATE without an id", "GUILD_CREATE", () => ({ name: "no id" })],
  ["READY of {}", "READY", () => ({})],
  ["READY of null", "READY", () => null],
  ["CHANNEL_CREATE of null", "CHANNEL_CREATE", () => null],
  ["THREAD_CREATE of null", "THREAD_CREATE", () => null],
];

const dropped = () => bot.logs.filter((l) => l.msg === "ignored a gateway event the bot could not read");

describe("malformed gateway frames", () => {
  it("each costs only its own event: logged once, and the next interaction is answered", async () => {
    for (const [, event, d] of FRAMES) fake.gateway.dispatch(event, d());
    const r = await fake.interact({ command: "help" }).answered();
    expect(shownText(r)).toContain("/summary");

    await bot.waitForLog(() => dropped().length >= FRAMES.length);
    const lines = dropped();
    expect(lines).toHaveLength(FRAMES.length);
    // Frames are checked as they are decoded, and discord.js handles them a moment later.
    expect(lines.map((l) => String(l.event)).sort()).toEqual(FRAMES.map(([, event]) => event).sort());
    for (const line of lines) {
      expect(line).toMatchObject({ level: 40, platform: "discord" });
      expect(String(line.problem).length).toBeLessThan(200);
      // A short description, never the payload (an interaction token answers as the bot).
      expect(JSON.stringify(line)).not.toMatch(/aW50ZXJhY3Rpb246|all of them/u);
    }
    expect(bot.child.exitCode).toBeNull();
    expect(fake.problems).toEqual([]);
  });

  it("keeps its session: a dropped connection resumes, and interactions are still answered", async () => {
    // The fake emits "resume" only when the session id and token match the live session.
    const resumed = once(fake.gateway, "resume");
    fake.gateway.close(4000);
    await resumed;
    const r = await fake.interact({ command: "help" }).answered();
    expect(shownText(r)).toContain("/summary");
    const run = await bot.stop();
    expect(run.code).toBe(0);
  });
});
