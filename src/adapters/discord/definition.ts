/** The Discord adapter as the registry knows it. */
import { defineAdapter } from "../contract.js";
import { type DiscordSettings, discordSecrets, discordSettings } from "./settings.js";

export const discord = defineAdapter<DiscordSettings>({
  name: "discord",
  settings: discordSettings,
  secrets: discordSecrets,
  load: () => import("./start.js"),
});
