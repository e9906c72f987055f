/**
 * GET /metrics and /healthz from the bot as a real process (`node dist/src/main.js`) in Slack HTTP
 * mode against the fake Slack: one server on PORT serves Slack's requests, /healthz and /metrics
 * (HEALTH_PORT equal to PORT adds no second one). Commands sent make their counts and durations
 * go up; a 429 from Slack is counted; build info and process metrics are there; and no member,
 * channel or workspace id appears anywhere in the body.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_TEAM, MEMBER } from "../fakes/slack/index.js";
import { type Exposition, parseExposition, sampleValue } from "../support/prom-text.js";
import { type BotProcess, startBotProcess } from "../support/slack-process.js";

const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
const OTHER = { user_id: "U0OTHERMEMBER", user_name: "other-person-name" };

let running: BotProcess;
beforeAll(async () => {
  running = await startBotProcess("http", { env: { COOLDOWN_COMMANDS: "3", HEALTH_PORT: "0" } });
}, 60_000);
afterAll(() => running?.close());

async function scrape(): Promise<{ text: string; exposition: Exposition }> {
  const answer = await fetch(new URL("/metrics", running.url));
  expect(answer.status).toBe(200);
  const text = await answer.text();
  return { text, exposition: parseExposition(text) };
}

describe("the bot process's GET /metrics (Slack HTTP mode)", () => {
  it("counts commands, durations and Slack's 429s, with build info, process metrics and no ids", async () => {
    const { slack, fake, bot } = running;
    const before = (await scrape()).exposition;
    const commands = (e: Exposition, command: string, outcome: string) =>
      sampleValue(e, "articlebot_commands_total", { platform: "slack", command, outcome });

    for (const line of ["/summary", "/quote grants", "/summary full"])
      expect((await slack.command(line, MEMBER)).status).toBe(200);
    const refused = await slack.command("/penalties", MEMBER); // the fourth in the window
    expect(JSON.stringify(refused.ack)).toContain("faster than 3 every 10 seconds");
    // Slack rate-limits the moderator check once; the Web API client waits and asks again.
    fake.api.setUser(OTHER.user_id, { name: OTHER.user_name });
    fake.api.failNext("users.info", { status: 429, retryAfter: 0 });
    const denied = await slack.command("/article", { text: "post", ...OTHER });
    // In the ack, or, when the retry outlasts the ack deadline on a loaded machine, right after it
    // through response_url: waitFor rejects, failing the test, when neither carries the denial.
    await fake.api.waitFor(
      (c) =>
        c.responseUrl === denied.responseUrl &&
        JSON.stringify(c.params).includes("Only moderators can run /article post"),
    );

    const { text, exposition: after } = await scrape();
    const rise = (command: string, outcome: string) =>
      commands(after, command, outcome) - commands(before, command, outcome);
    expect(rise("summary", "answered")).toBe(2);
    expect(rise("quote", "answered")).toBe(1);
    expect(rise("penalties", "cooldown")).toBe(1);
    expect(rise("article post", "denied")).toBe(1);
    expect(sampleValue(after, "articlebot_cooldown_hits_total", { platform: "slack" })).toBe(1);
    expect(
      sampleValue(after, "articlebot_command_duration_seconds_count", {
        platform: "slack",
        command: "summary",
      }),
    ).toBe(2);
    expect(after.types.get("articlebot_command_duration_seconds")).toBe("histogram");
    expect(
      sampleValue(after, "articlebot_platform_api_errors_total", { platform: "slack", status: "429" }),
    ).toBe(1);
    expect(sampleValue(after, "articlebot_platform_rate_limited_total", { platform: "slack" })).toBe(1);
    expect(
      sampleValue(after, "articlebot_build_info", { version: VERSION, node: process.versions.node }),
    ).toBe(1);
    expect(sampleValue(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleValue(after, "articlebot_adapter_state", { adapter: "slack", state: "ready" })).toBe(1);

    for (const id of [MEMBER.user_id, OTHER.user_id, OTHER.user_name, "C0GENERAL", FAKE_TEAM.id])
      expect(text).not.toContain(id);
    expect(bot.logs.some((l) => l.msg === "health endpoint at GET /healthz")).toBe(false);
  }, 30_000);

  it("serves /healthz on the same port, and Slack's unknown paths are 404", async () => {
    const health = await fetch(new URL("/healthz", running.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, adapters: { slack: { state: "ready" } } });
    expect((await fetch(new URL("/nowhere", running.url))).status).toBe(404);
  });
});
