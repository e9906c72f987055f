import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../src/adapters/discord/register.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { article, commands } from "../support/article.js";
import { configFor, quotesShown } from "../support/discord.js";
import { cleanEnv, runProcess } from "../support/process.js";
import { startProcess } from "../support/running-process.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake?.close());

const discordEnv = (extra: Record<string, string> = {}) =>
  cleanEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.state.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_FORMAT: "json",
    ...extra,
  });

describe("the bot as a real process on Discord", () => {
  it("npm start logs in to Discord with the configured API URL and answers /quote grants", async () => {
    await registerCommands(configFor(fake, false), commands);
    const bot = startProcess("npm", ["start"], discordEnv());
    try {
      await bot.waitForLog((line) => line.msg === "bot started", 60_000);
      const r = await fake.interact({ command: "quote", options: { topic: "grants" } }).answered();
      const grants = article.quotes[2];
      expect(quotesShown(r)).toContain(article.text.slice(grants?.start, grants?.end));
    } finally {
      // Ctrl-C in the terminal: the whole group gets SIGINT.
      const run = await bot.stop("SIGINT");
      expect(run.stderr).toContain('"msg":"stopped"');
    }
    expect(fake.problems).toEqual([]);
  }, 90_000);

  it("node dist/src/main.js finishes a command in flight on SIGTERM, disconnects and exits 0", async () => {
    const bot = startProcess(process.execPath, ["dist/src/main.js"], discordEnv());
    await bot.waitForLog((line) => line.msg === "bot started");
    const post = fake.interact({
      command: "article",
      subcommand: "post",
      as: "moderator",
      channelId: fake.state.ids.thread,
      options: { confirm: false },
    });
    await post.answered();
    const run = await bot.stop("SIGTERM");
    expect(run.code).toBe(0);
    expect(String(post.record.original?.content)).toMatch(/^Posted/u);
    expect(run.stderr).toContain('"msg":"stopped"');
    expect(run.stderr).not.toContain(fake.token);
    expect(fake.gateway.ready).toBe(false);
    expect(fake.problems).toEqual([]);
  });

  it("stops with one clear line when Discord rejects the token", async () => {
    const run = await runProcess(process.execPath, ["dist/src/main.js"], "", {
      env: discordEnv({ DISCORD_TOKEN: `${fake.token}x` }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^Configuration error: DISCORD_TOKEN was rejected by Discord \(401 Unauthorized\)/mu,
    );
    expect(run.stderr).not.toContain(fake.token);
    fake.problems.length = 0;
  });
});

describe("npm run register", () => {
  it("creates the commands in the guild, then changes nothing the second time", async () => {
    const env = discordEnv({ DISCORD_GUILD_ID: fake.state.guildId });
    const first = await runProcess("npm", ["run", "--silent", "register"], "", { env, timeoutMs: 60_000 });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `Discord slash commands for server ${fake.state.guildId} (DISCORD_GUILD_ID):`,
    );
    expect(first.stdout).toContain("created    /summary, /quote, /penalties, /article, /help");
    expect(first.stdout).toContain("Done: 5 created, 0 changed, 0 removed.");
    const writes = () =>
      fake.requests.filter((r) => r.method !== "GET" && r.path.includes("/commands")).length;
    const before = writes();

    const second = await runProcess("npm", ["run", "--silent", "register"], "", { env, timeoutMs: 60_000 });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("unchanged  /summary, /quote, /penalties, /article, /help");
    expect(second.stdout).toContain("Already up to date: nothing was changed.");
    expect(writes()).toBe(before);
    expect(fake.problems).toEqual([]);
  }, 90_000);

  it("says what it needs when the tokens are missing", async () => {
    const run = await runProcess(process.execPath, ["dist/scripts/register.js"], "", { env: cleanEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^npm run register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/u);
  });
});

describe("npm run invite", () => {
  it("needs only the application id, not the token", async () => {
    const run = await runProcess(process.execPath, ["dist/scripts/invite.js"], "", {
      env: cleanEnv({ DISCORD_APPLICATION_ID: fake.state.applicationId }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`client_id=${fake.state.applicationId}`);
  });

  it("says what it needs when the application id is missing or malformed", async () => {
    const none = await runProcess(process.execPath, ["dist/scripts/invite.js"], "", { env: cleanEnv() });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^npm run invite needs DISCORD_APPLICATION_ID in \.env/u);
    const bad = await runProcess(process.execPath, ["dist/scripts/invite.js"], "", {
      env: cleanEnv({ DISCORD_APPLICATION_ID: "my-app" }),
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DISCORD_APPLICATION_ID/u);
    expect(bad.stderr).not.toMatch(/\n\s+at /u);
  });

  it("prints the OAuth2 link with both scopes and each permission named", async () => {
    const run = await runProcess(process.execPath, ["dist/scripts/invite.js"], "", { env: discordEnv() });
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.split("\n").find((l) => l.startsWith("https://")) ?? "");
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe(fake.state.applicationId);
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    const bits = (1n << 10n) | (1n << 14n) | (1n << 16n) | (1n << 35n) | (1n << 38n);
    expect(url.searchParams.get("permissions")).toBe(bits.toString());
    for (const name of [
      "View Channel",
      "Create Public Threads",
      "Send Messages in Threads",
      "Embed Links",
      "Read Message History",
    ])
      expect(run.stdout).toContain(name);
  });
});
