import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../src/adapters/discord/register.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { shardOf } from "../fakes/discord/shards.js";
import { commands } from "../support/article.js";
import { configFor } from "../support/discord.js";
import { cleanEnv, runProcess } from "../support/process.js";
import type { RunningProcess } from "../support/running-process.js";
import { alive, healthUntil, pidOf, quoteIn as quoteWith, startSharded } from "../support/shards.js";

/**
 * DISCORD_SHARDS as an operator runs it (`node dist/src/main.js`): the process runs discord.js's
 * ShardingManager, one process per shard connects to the fake gateway, which advertises two shards
 * and has two guilds, one on each. Each guild's command is answered once, by its own shard's
 * connection; a killed shard process is respawned; SIGTERM to the manager alone stops them all.
 */
let fake: FakeDiscord;
/** The guild on the other shard than the fake's first guild, and its text channel. */
let other: { guildId: string; general: string };
const shardOfFirst = () => shardOf(fake.state.guildId, 2);

beforeAll(async () => {
  // Sixteen may identify at once (as for large bots), so the test does not wait 5 s per shard.
  fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 16 });
  // Global commands: Discord offers them in every guild.
  await registerCommands(configFor(fake, false), commands);
  other = fake.state.addGuild({ id: 1 - shardOfFirst(), count: 2 });
});
afterAll(() => fake?.close());
const quoteIn = (channelId: string) => quoteWith(fake, channelId);

/** A signal to the manager's process only, not its group (RunningProcess.stop signals the group). */
async function stopManagerAlone(bot: RunningProcess, signal: NodeJS.Signals) {
  const exited = new Promise((resolve) => bot.child.once("exit", resolve));
  if (bot.child.pid && bot.child.exitCode === null) process.kill(bot.child.pid, signal);
  await exited;
  return bot.stop();
}

describe("DISCORD_SHARDS: the gateway as shard processes", () => {
  it("auto: both shards connect, each answers its own guild once; a killed shard is respawned; SIGTERM stops all", async () => {
    const sharded = await startSharded(fake, { DISCORD_SHARDS: "auto" });
    const { bot } = sharded;
    let pids: number[] = [];
    try {
      // Ready on /healthz first: on a loaded machine the manager may report before a shard's socket is up.
      const ready = await healthUntil(sharded, 200);
      expect(fake.gateway.liveShards()).toEqual([0, 1]);
      expect(ready).toEqual({
        ok: true,
        adapters: {
          discord: { state: "ready", shards: { "0": { state: "ready" }, "1": { state: "ready" } } },
        },
      });
      // Each shard process was told of its own guild only, and says so on lines carrying its id.
      for (const shard of [0, 1])
        expect(bot.logs).toContainEqual(
          expect.objectContaining({ msg: "connected to Discord", shard, guilds: 1 }),
        );

      const first = await quoteIn(fake.state.ids.general);
      expect(first.shard).toBe(shardOfFirst());
      const second = await quoteIn(other.general);
      expect(second.shard).toBe(1 - shardOfFirst());

      // Shard 1's process dies: /healthz says so, the manager starts another, and it answers.
      const killed = pidOf(bot, 1);
      process.kill(killed, "SIGKILL");
      const down = await healthUntil(sharded, 503);
      expect(down.adapters.discord.state).toBe("ready");
      expect(down.adapters.discord.shards?.["0"]).toEqual({ state: "ready" });
      expect(down.adapters.discord.shards?.["1"]?.state).not.toBe("ready");
      await healthUntil(sharded, 200);
      expect(pidOf(bot, 1)).not.toBe(killed);
      expect(fake.gateway.liveShards()).toEqual([0, 1]);
      const guildOnOne = shardOfFirst() === 1 ? fake.state.ids.general : other.general;
      expect((await quoteIn(guildOnOne)).shard).toBe(1);
      pids = [pidOf(bot, 0), pidOf(bot, 1)];
    } finally {
      // SIGTERM to the manager alone (as a container runtime sends it): it stops every shard.
      expect((await stopManagerAlone(bot, "SIGTERM")).code).toBe(0);
    }
    expect(pids.filter(alive)).toEqual([]);
    expect(fake.gateway.liveShards()).toEqual([]);
    expect(fake.problems).toEqual([]);
  }, 60_000);

  it("DISCORD_SHARD_IDS=1 of 2: only shard 1 connects here and answers its guild; it stops when its manager dies", async () => {
    const sharded = await startSharded(fake, { DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: "1" });
    const { bot, healthz } = sharded;
    let shard = 0;
    try {
      expect(fake.gateway.liveShards()).toEqual([1]);
      expect(await healthUntil(sharded, 200)).toMatchObject({
        adapters: { discord: { shards: { "1": { state: "ready" } } } },
      });
      expect(Object.keys((await healthz()).body.adapters.discord.shards ?? {})).toEqual(["1"]);
      const guildOnOne = shardOfFirst() === 1 ? fake.state.ids.general : other.general;
      expect((await quoteIn(guildOnOne)).shard).toBe(1);
      shard = pidOf(bot, 1);
    } finally {
      // The manager alone killed outright: its shard process notices and stops instead of lingering.
      await stopManagerAlone(bot, "SIGKILL");
    }
    for (let i = 0; i < 500 && alive(shard); i++) await sleep(20);
    expect(alive(shard)).toBe(false);
    expect(fake.gateway.liveShards()).toEqual([]);
    expect(fake.problems).toEqual([]);
  }, 60_000);

  it("a shard that cannot log in stops the start with its reason and the manager's line, exit 1, nothing left running", async () => {
    fake.gateway.refuseIdentify = { code: 4004, reason: "Authentication failed." };
    try {
      const run = await runProcess(process.execPath, ["dist/src/main.js"], "", {
        env: cleanEnv({
          DISCORD_TOKEN: fake.token,
          DISCORD_APPLICATION_ID: fake.state.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          DISCORD_SHARDS: "2",
          LOG_FORMAT: "json",
        }),
        timeoutMs: 45_000,
      });
      expect(run.code).toBe(1);
      const lines = run.stderr.split("\n").filter((l) => l.startsWith("Configuration error: "));
      expect(lines).toEqual([
        expect.stringMatching(
          /^Configuration error: DISCORD_TOKEN was rejected by Discord's gateway \(close code 4004/u,
        ),
        expect.stringMatching(
          /^Configuration error: A Discord shard process could not connect .*; the lines above say why\.$/u,
        ),
      ]);
      expect(run.stderr).not.toMatch(/\n\s+at |"stack"/u);
      const pids = [...run.stderr.matchAll(/"pid":(\d+),"msg":"shard process started"/gu)].map((m) =>
        Number(m[1]),
      );
      expect(pids.length).toBeGreaterThan(0);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      fake.gateway.refuseIdentify = undefined;
    }
  }, 60_000);
});
