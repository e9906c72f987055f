import { commands } from "../commands/index.js";
import { registerCommands, registerProblem, type SyncResult } from "../src/adapters/discord/register.js";
import { discordSettings } from "../src/adapters/discord/settings.js";
import { ConfigError, loadEnvFile } from "../src/runtime/config.js";

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
    result = await registerCommands(discord, commands);
  } catch (error) {
    process.stderr.write(`${registerProblem(error, discord)}\n`);
    return 1;
  }
  process.stdout.write(`${report(result, where)}\n`);
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
