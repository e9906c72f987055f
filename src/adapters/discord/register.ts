import { DiscordAPIError, REST, RESTJSONErrorCodes } from "discord.js";
import type { Command } from "../../core/command.js";
import { commandPayloads } from "./registration.js";
import type { DiscordSettings } from "./settings.js";
import { type SyncResult, syncCommands } from "./sync-commands.js";

/** `npm run register`: the command definitions synced to the server in DISCORD_GUILD_ID, else globally. */
export function registerCommands(config: DiscordSettings, commands: readonly Command[]): Promise<SyncResult> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  return syncCommands(
    rest,
    { applicationId: config.applicationId, guildId: config.guildId },
    commandPayloads(commands),
  );
}

/** What went wrong, and what to do about it, for the person running `npm run register`. */
export function registerProblem(error: unknown, config: DiscordSettings): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return "Discord rejected DISCORD_TOKEN (401 Unauthorized). Reset the token in the Developer Portal → your app → Bot, and put the new one in .env.";
    if (error.code === RESTJSONErrorCodes.MissingAccess && config.guildId)
      return `Discord refused access to server ${config.guildId} (Missing Access). Add the bot to that server with the link from npm run invite (it includes the applications.commands scope), or check DISCORD_GUILD_ID.`;
    if (error.code === RESTJSONErrorCodes.UnknownApplication || error.status === 404)
      return `Discord does not know application ${config.applicationId}. Check DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID).`;
    return `Discord refused the commands: ${error.message}`;
  }
  return `Could not reach Discord at ${config.apiUrl}: ${error instanceof Error ? error.message : String(error)}`;
}
