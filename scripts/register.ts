import { commands } from "../commands/index.js";
import {
  registerCommands,
  registerProblem,
  type SyncResult,
  setInteractionsUrl,
} from "../src/adapters/discord/register.js";
import { type DiscordSettings, discordSettings } from "../src/adapters/discord/settings.js";
import { loadArticle } from "../src/article/load.js";
import { forArticle } from "../src/core/command.js";
import { ConfigError, loadEnvFile, parseShared } from "../src/runtime/config.js";

/**
 * `npm run register`: makes Discord's slash commands match commands/ (in DISCORD_GUILD_ID's server
 * when set, else globally), prints what it created, changed or removed, and writes nothing when
 * Discord already matches.
 */
async function main(): Promise<number> {
  loadEnvFile();
  const discord = discordSettings(process.env);
  if (!discord) {
    process.stderr.write(
      "npm run register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server). Set them in .env: see docs/discord.md.\n",
    );
    return 1;
  }
  const where = discord.guildId
    ? `server ${discord.guildId} (DISCORD_GUILD_ID)`
    : "all servers (global commands; set DISCORD_GUILD_ID to register in one server only)";
  let result: SyncResult;
  try {
    // Descriptions name the speaker of the article the bot serves (ARTICLE_DIR).
    const article = loadArticle(parseShared(process.env).articleDir);
    result = await registerCommands(discord, forArticle(commands, article));
  } catch (error) {
    process.stderr.write(`${registerProblem(error, discord)}\n`);
    return 1;
  }
  process.stdout.write(`${report(result, where)}\n`);
  const endpoint = process.env.DISCORD_INTERACTIONS_URL?.trim();
  return endpoint ? interactionsUrl(discord, endpoint) : 0;
}

/**
 * DISCORD_INTERACTIONS_URL set: Discord is told to send interactions there (HTTP interactions
 * mode). Discord verifies it on the spot, so the bot must be running and reachable there already.
 */
async function interactionsUrl(discord: DiscordSettings, endpoint: string): Promise<number> {
  if (!/^https?:\/\/[^/]+\/discord\/interactions$/u.test(endpoint)) {
    process.stderr.write(
      `DISCORD_INTERACTIONS_URL must be the bot's endpoint, like https://bot.example.com/discord/interactions (got ${JSON.stringify(endpoint.slice(0, 200))}).\n`,
    );
    return 1;
  }
  try {
    await setInteractionsUrl(discord, endpoint);
  } catch (error) {
    process.stderr.write(
      `Discord did not accept ${endpoint} as the Interactions Endpoint URL (${error instanceof Error ? error.message.split("\n")[0] : String(error)}). Discord checks it at once by sending it signed requests: start the bot there first (DISCORD_PUBLIC_KEY and PORT set, reachable over HTTPS), then run npm run register again.\n`,
    );
    return 1;
  }
  process.stdout.write(
    `Interactions Endpoint URL set to ${endpoint}: Discord now sends interactions there.\n`,
  );
  return 0;
}

function report(result: SyncResult, where: string): string {
  const names = (list: string[]) => list.map((n) => `/${n}`).join(", ");
  const lines = [`Discord slash commands for ${where}:`];
  if (result.created.length) lines.push(`  created    ${names(result.created)}`);
  for (const c of result.changed) lines.push(`  changed    /${c.name} (${c.fields.join(", ")})`);
  if (result.removed.length) lines.push(`  removed    ${names(result.removed)}`);
  if (result.unchanged.length) lines.push(`  unchanged  ${names(result.unchanged)}`);
  const changes = result.created.length + result.changed.length + result.removed.length;
  lines.push(
    changes === 0
      ? "Already up to date: nothing was changed."
      : `Done: ${result.created.length} created, ${result.changed.length} changed, ${result.removed.length} removed.`,
  );
  return lines.join("\n");
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
