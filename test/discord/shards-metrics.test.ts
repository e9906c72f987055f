import { describe, expect, it } from "vitest";
import { type Exposition, parseExposition, sampleValue } from "../support/prom-text.js";
import { pidOf, quoteIn, useTwoShards } from "../support/shards.js";

/**
 * GET /metrics of a sharded bot: commands are counted in the shard processes that answer them, and
 * the manager, which alone serves HTTP, asks each live shard for its metrics and sums them with its
 * own (prom-client's AggregatorRegistry.aggregate). A shard that does not answer (stopped with
 * SIGSTOP here) is left out of that scrape after a short wait instead of hanging it.
 */
const h = useTwoShards({ DISCORD_SHARDS: "2" });

async function scrape(): Promise<Exposition> {
  const res = await fetch(`http://127.0.0.1:${h.sharded.port}/metrics`);
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

const QUOTES = { platform: "discord", command: "quote" };
const answered = (e: Exposition) =>
  sampleValue(e, "articlebot_commands_total", { ...QUOTES, outcome: "answered" });

describe("DISCORD_SHARDS: GET /metrics counts what every shard answered", () => {
  it("commands answered by two shard processes appear summed, once each, beside the manager's own", async () => {
    for (const shard of [0, 0, 1, 1, 1])
      expect((await quoteIn(h.fake, h.channels[shard] ?? "")).shard).toBe(shard);
    const e = await scrape();
    expect(answered(e)).toBe(5);
    expect(sampleValue(e, "articlebot_command_duration_seconds_count", QUOTES)).toBe(5);
    // What the manager alone knows is its own, not added up with what each shard says of itself.
    expect(sampleValue(e, "articlebot_build_info")).toBe(1);
    expect(sampleValue(e, "articlebot_adapter_state", { adapter: "discord", state: "ready" })).toBe(1);
    for (const shard of ["0", "1"])
      expect(sampleValue(e, "articlebot_shard_state", { adapter: "discord", shard, state: "ready" })).toBe(1);
    // Labels stay names the bot defines: no user, guild or channel id anywhere.
    const values = e.samples.flatMap((s) => Object.values(s.labels));
    expect(values.filter((v) => /^\d{15,20}$/u.test(v))).toEqual([]);
  });

  it("a shard that does not answer is left out of the scrape, which still answers; back when it is", async () => {
    const before = answered(await scrape());
    const stopped = pidOf(h.sharded.bot, 0);
    process.kill(stopped, "SIGSTOP");
    try {
      // Shard 1's three are there; shard 0's two are missing from this scrape only.
      expect(answered(await scrape())).toBe(before - 2);
    } finally {
      process.kill(stopped, "SIGCONT");
    }
    expect(answered(await scrape())).toBe(before);
  });
});
