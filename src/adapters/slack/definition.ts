/** The Slack adapter as the registry knows it. */
import { defineAdapter } from "../contract.js";
import { type SlackSettings, slackSecrets, slackSettings } from "./settings.js";

export const slack = defineAdapter<SlackSettings>({
  name: "slack",
  settings: slackSettings,
  secrets: slackSecrets,
  load: () => import("./start.js"),
});
