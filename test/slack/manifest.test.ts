import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { buildManifest, type SlackManifest } from "../../src/adapters/slack/register.js";
import { usage } from "../../src/core/command.js";
import { commands } from "../support/article.js";
import { cleanEnv, runProcess } from "../support/process.js";

const names = [...new Set(commands.map((c) => c.name))].map((n) => `/${n}`);

/** Slack's own manifest schema for version 1 manifests (github.com/slackapi/manifest-schema, MIT). */
const SCHEMA = new URL("../specs/slack-manifest/manifest.schema.1.0.0.json", import.meta.url);
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(SCHEMA, "utf8")) as object,
);
const schemaProblems = (manifest: unknown) => (validate(manifest) ? [] : validate.errors);
const out = () => join(mkdtempSync(join(tmpdir(), "manifest-")), "slack-manifest.json");

describe("the Slack app manifest", () => {
  it("has one slash command per command name, described and hinted from the definitions", () => {
    const manifest = buildManifest(commands, {
      name: "Article Bot",
      socketMode: true,
      adminsAreModerators: true,
    });
    const slash = manifest.features.slash_commands;
    expect(slash.map((c) => c.command)).toEqual(names);
    for (const def of commands.filter((c) => !c.subcommand)) {
      const entry = slash.find((c) => c.command === `/${def.name}`);
      expect(entry?.description).toBe(def.description);
      expect(`/${def.name} ${entry?.usage_hint ?? ""}`.trim()).toBe(usage(def));
      expect(entry?.should_escape).toBe(true);
      expect(entry?.url).toBeUndefined();
    }
    // /article post and /article history share /article: each subcommand named in both.
    const article = slash.find((c) => c.command === "/article");
    for (const def of commands.filter((c) => c.subcommand)) {
      expect(article?.description).toContain(`${def.subcommand}: ${def.description}`);
      expect(article?.usage_hint?.split(" | ")).toContain(usage(def).slice("/article ".length));
    }
    expect(article?.should_escape).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      "commands",
      "app_mentions:read",
      "chat:write",
      "channels:history",
      "groups:history",
      "users:read",
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // Mentions are how members ask in threads; over Socket Mode they need no URL.
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: ["app_mention"] });
    expect(schemaProblems(manifest)).toEqual([]);
    // Button presses (the /article post preview) come over the socket too.
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
  });

  it("in HTTP mode sends every command to the Request URL; without admin moderators asks no users:read", () => {
    const manifest = buildManifest(commands, {
      name: "Article Bot",
      socketMode: false,
      requestUrl: "https://bot.example.com/slack/events",
      adminsAreModerators: false,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    for (const c of manifest.features.slash_commands)
      expect(c.url).toBe("https://bot.example.com/slack/events");
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: "https://bot.example.com/slack/events",
    });
    expect(manifest.oauth_config.scopes.bot).toEqual([
      "commands",
      "app_mentions:read",
      "chat:write",
      "channels:history",
      "groups:history",
    ]);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: "https://bot.example.com/slack/events",
      bot_events: ["app_mention"],
    });
    expect(schemaProblems(manifest)).toEqual([]);
  });

  it("is checked against Slack's schema for real: a wrong field is caught", () => {
    const manifest = buildManifest(commands, {
      name: "Article Bot",
      socketMode: true,
      adminsAreModerators: true,
    });
    const broken = {
      ...manifest,
      settings: { ...manifest.settings, event_subscriptions: { bot_event: [] } },
    };
    expect(schemaProblems(broken)).not.toEqual([]);
  });

  it("npm run manifest writes it and says where", async () => {
    const file = out();
    const run = await runProcess("npm", ["run", "--silent", "manifest", "--", "--out", file], "", {
      env: cleanEnv(),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote the Slack app manifest to ${file}`);
    const manifest = JSON.parse(readFileSync(file, "utf8")) as SlackManifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(names);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(schemaProblems(manifest)).toEqual([]);
  }, 60_000);

  it("takes --http with the public URL, and refuses a plain-http one", async () => {
    const file = out();
    const script = ["dist/scripts/manifest.js", "--out", file];
    const http = await runProcess(process.execPath, [...script, "--http", "https://bot.example.com"], "", {
      env: cleanEnv(),
    });
    expect(http.code).toBe(0);
    const manifest = JSON.parse(readFileSync(file, "utf8")) as SlackManifest;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands[0]?.url).toBe("https://bot.example.com/slack/events");
    expect(manifest.settings.event_subscriptions.request_url).toBe("https://bot.example.com/slack/events");
    expect(schemaProblems(manifest)).toEqual([]);

    const insecure = await runProcess(process.execPath, [...script, "--http", "http://bot.example.com"], "", {
      env: cleanEnv(),
    });
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toContain("Slack only sends commands to https URLs");
  });
});

describe("the manifest for many workspaces (--oauth)", () => {
  it.each([
    ["Socket Mode", { socketMode: true }],
    ["HTTP mode", { socketMode: false, requestUrl: "https://bot.example.com/slack/events" }],
    [
      "OAuth",
      {
        socketMode: false,
        requestUrl: "https://bot.example.com/slack/events",
        redirectUrl: "https://bot.example.com/slack/oauth_redirect",
      },
    ],
  ])("%s: valid against Slack's manifest schema", (_, mode) => {
    const manifest = buildManifest(commands, { name: "Article Bot", adminsAreModerators: true, ...mode });
    expect(schemaProblems(manifest)).toEqual([]);
  });

  it("npm run manifest -- --oauth writes the redirect URL and the uninstall events", async () => {
    const file = out();
    const run = await runProcess(
      process.execPath,
      ["dist/scripts/manifest.js", "--out", file, "--oauth", "https://bot.example.com/"],
      "",
      { env: cleanEnv() },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("OAuth redirect URL https://bot.example.com/slack/oauth_redirect");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as SlackManifest;
    expect(schemaProblems(manifest)).toEqual([]);
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://bot.example.com/slack/oauth_redirect"]);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: "https://bot.example.com/slack/events",
      bot_events: ["app_mention", "app_uninstalled", "tokens_revoked"],
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands[0]?.url).toBe("https://bot.example.com/slack/events");

    const both = await runProcess(
      process.execPath,
      ["dist/scripts/manifest.js", "--out", file, "--socket", "--oauth", "https://bot.example.com"],
      "",
      { env: cleanEnv() },
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("Choose one of --socket, --http and --oauth");
  });
});
