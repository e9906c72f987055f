/**
 * GET /metrics in process: commands answered through the real core with an observer, scraped over
 * real HTTP and read with a strict exposition parser. Each outcome is counted under the known
 * command's name; nothing a member typed or is called reaches a label.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterHealth, RunningAdapter } from "../../src/adapters/contract.js";
import { answer, createBot } from "../../src/core/answer.js";
import { commandPath, defineCommand } from "../../src/core/command.js";
import type { Invocation } from "../../src/core/invocation.js";
import { AccessUnknown } from "../../src/core/invocation.js";
import { createMetrics } from "../../src/runtime/metrics.js";
import { startWeb, type WebServer } from "../../src/runtime/web.js";
import { article, commands } from "../support/article.js";
import { type Exposition, parseExposition, sampleValue } from "../support/prom-text.js";

const broken = defineCommand({
  name: "broken",
  description: "always fails",
  access: "everyone",
  options: {},
  examples: [],
  run: () => {
    throw new Error("handler bug");
  },
});

const metrics = createMetrics({ version: "9.9.9-test" });
const bot = createBot({
  article,
  commands: [...commands, broken],
  log: pino({ level: "silent" }),
  cooldown: { commands: 2, seconds: 60 },
  observer: metrics,
});

const ask = (user: string, command: string, extra: Partial<Invocation> = {}) =>
  answer(bot, {
    command,
    options: {},
    user: { id: user },
    platform: "slack",
    isModerator: () => false,
    ...extra,
  });

let shardState: AdapterHealth["state"] = "ready";
const adapters: RunningAdapter[] = [
  { name: "slack", stop: async () => {}, health: () => ({ state: "ready" }) },
  {
    name: "discord",
    stop: async () => {},
    health: () =>
      ({
        state: "reconnecting",
        shards: { 0: { state: "ready" }, 1: { state: shardState } },
      }) as AdapterHealth,
  },
];
metrics.watch(() => adapters);

let server: WebServer;
beforeAll(async () => {
  server = await startWeb(0, "127.0.0.1", { "/metrics": metrics.serve });
});
afterAll(() => server.close());

async function scrape(): Promise<{ text: string; exposition: Exposition }> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/u);
  const text = await response.text();
  return { text, exposition: parseExposition(text) };
}

const commandsTotal = (exposition: Exposition, command: string, outcome: string) =>
  sampleValue(exposition, "articlebot_commands_total", { platform: "slack", command, outcome });

describe("GET /metrics", () => {
  it("counts each command by platform, command and outcome, with its duration", async () => {
    const before = (await scrape()).exposition;
    await ask("U0AAAAAAA1", "summary");
    await ask("U0AAAAAAA1", "quote", { options: { topic: "grants" } });
    await ask("U0AAAAAAA1", "summary"); // the third within the window: refused
    await ask("U0AAAAAAA2", "article", { subcommand: "post" }); // not a moderator
    await ask("U0AAAAAAA2", "quote", { options: { nonsense: "x" } }); // an option it does not take
    await ask("U0AAAAAAA3", "article", {
      subcommand: "post",
      isModerator: () => Promise.reject(new AccessUnknown("Slack did not say", "users.info failed")),
    });
    await ask("U0AAAAAAA4", "broken");
    await ask("U0AAAAAAA4", "U0SECRETID <@U0SECRETID> \u0007"); // unknown: counted as "unknown"

    const { text, exposition: after } = await scrape();
    const rise = (command: string, outcome: string) =>
      commandsTotal(after, command, outcome) - commandsTotal(before, command, outcome);
    expect(rise("summary", "answered")).toBe(1);
    expect(rise("quote", "answered")).toBe(1);
    expect(rise("summary", "cooldown")).toBe(1);
    expect(rise("article post", "denied")).toBe(2);
    expect(rise("quote", "invalid")).toBe(1);
    expect(rise("broken", "error")).toBe(1);
    expect(rise("unknown", "invalid")).toBe(1);
    expect(sampleValue(after, "articlebot_cooldown_hits_total", { platform: "slack" })).toBe(1);

    const count = (command: string) =>
      sampleValue(after, "articlebot_command_duration_seconds_count", { platform: "slack", command });
    expect(count("summary")).toBe(2);
    expect(count("article post")).toBe(2);
    const buckets = after.samples.filter(
      (s) => s.name === "articlebot_command_duration_seconds_bucket" && s.labels.command === "summary",
    );
    expect(buckets.at(-1)?.labels.le).toBe("+Inf");
    expect(buckets.at(-1)?.value).toBe(2);
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(
      sampleValue(after, "articlebot_command_duration_seconds_sum", { command: "summary" }),
    ).toBeGreaterThan(0);

    // Only names the bot defines: no user id, no typed text, no control character.
    expect(text).not.toMatch(/U0AAAAAAA|U0SECRETID/u);
    expect(text).not.toContain("\u0007");
    const labelled = new Set(
      after.samples.filter((s) => s.name === "articlebot_commands_total").map((s) => s.labels.command),
    );
    const known = new Set([...commands, broken].map(commandPath)).add("unknown");
    expect([...labelled].filter((c) => !known.has(c ?? ""))).toEqual([]);
  });

  it("reports build info, process metrics, platform errors and rate limits", async () => {
    metrics.platformError("discord", 429);
    metrics.rateLimited("discord");
    metrics.platformError("slack", 503);
    metrics.platformError("slack", 99_999);
    const { exposition } = await scrape();
    expect(
      sampleValue(exposition, "articlebot_build_info", {
        version: "9.9.9-test",
        node: process.versions.node,
      }),
    ).toBe(1);
    expect(exposition.types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(sampleValue(exposition, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(exposition.types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
    expect(
      sampleValue(exposition, "articlebot_platform_api_errors_total", { platform: "discord", status: "429" }),
    ).toBe(1);
    expect(
      sampleValue(exposition, "articlebot_platform_api_errors_total", { platform: "slack", status: "503" }),
    ).toBe(1);
    expect(
      sampleValue(exposition, "articlebot_platform_api_errors_total", { platform: "slack", status: "other" }),
    ).toBe(1);
    expect(sampleValue(exposition, "articlebot_platform_rate_limited_total", { platform: "discord" })).toBe(
      1,
    );
  });

  it("reads each adapter's and shard's state at scrape time", async () => {
    const state = (e: Exposition, adapter: string) =>
      e.samples
        .filter((s) => s.name === "articlebot_adapter_state" && s.labels.adapter === adapter)
        .map((s) => s.labels.state);
    const shards = (e: Exposition) =>
      e.samples
        .filter((s) => s.name === "articlebot_shard_state")
        .map((s) => `${s.labels.adapter}/${s.labels.shard}=${s.labels.state}:${s.value}`);
    const first = (await scrape()).exposition;
    expect(state(first, "slack")).toEqual(["ready"]);
    expect(state(first, "discord")).toEqual(["reconnecting"]);
    expect(shards(first)).toEqual(["discord/0=ready:1", "discord/1=ready:1"]);
    shardState = "reconnecting";
    expect(shards((await scrape()).exposition)).toEqual(["discord/0=ready:1", "discord/1=reconnecting:1"]);
  });

  it("answers only GET and HEAD", async () => {
    expect((await fetch(`${server.url}/metrics`, { method: "POST" })).status).toBe(405);
    const head = await fetch(`${server.url}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("keeps two bots' metrics apart (a registry each, not prom-client's global one)", async () => {
    const other = createMetrics({ version: "0.0.0-other" });
    const text = await other.registry.metrics();
    expect(text).not.toContain("9.9.9-test");
    expect(sampleValue(parseExposition(text), "articlebot_commands_total")).toBe(0);
  });
});
