import { BOT_PERMISSIONS, botPermissionBits, inviteUrl, MODERATOR } from "../src/adapters/discord/access.js";
import { discordApplicationId } from "../src/adapters/discord/settings.js";
import { ConfigError, loadEnvFile } from "../src/runtime/config.js";

/** `npm run invite`: the link that adds the bot to a server, and why it asks for each permission. */
function main(): number {
  loadEnvFile();
  // The link names the application only: no token needed (nor read) to print it.
  const applicationId = discordApplicationId(process.env);
  if (!applicationId) {
    process.stderr.write(
      "npm run invite needs DISCORD_APPLICATION_ID in .env (Developer Portal → your app → General Information): see docs/discord.md.\n",
    );
    return 1;
  }
  const width = Math.max(...BOT_PERMISSIONS.map((p) => p.name.length));
  process.stdout.write(
    [
      "Open this link to add the bot to a server you manage:",
      "",
      inviteUrl(applicationId),
      "",
      "Scopes: bot, applications.commands",
      `Permissions (${botPermissionBits()}):`,
      ...BOT_PERMISSIONS.map((p) => `  ${p.name.padEnd(width)}  to ${p.why}`),
      "",
      `Moderators need ${MODERATOR.name} to run /article post (server admins can change that in Server Settings → Integrations).`,
      "",
    ].join("\n"),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
