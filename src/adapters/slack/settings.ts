/** The Slack adapter's variables: enabled by any SLACK_ token or secret. No Bolt here: main reads this for every start. */
import { z } from "zod";
import {
  blank,
  bool,
  ConfigError,
  type Env,
  missing,
  optional,
  parseEnv,
  port,
} from "../../runtime/config.js";

const SlackEnv = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().startsWith("xoxb-", "must start with xoxb- (the Bot User OAuth Token)"),
  ),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, "looks too short to be a signing secret")),
  SLACK_APP_TOKEN: optional(z.string().startsWith("xapp-", "must start with xapp- (an app-level token)")),
  PORT: optional(port),
  SLACK_API_URL: z.preprocess(blank, z.url().default("https://slack.com/api/")),
  SLACK_MODERATOR_IDS: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*$/u,
        "must be Slack user IDs separated by commas, like U012AB3CD",
      )
      .optional()
      .transform((v) => (v ? v.split(",").map((s) => s.trim()) : [])),
  ),
  SLACK_ADMINS_ARE_MODERATORS: z.preprocess(blank, bool.default(true)),
});

export interface SlackSettings {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number | undefined;
  mode: "socket" | "http";
  apiUrl: string;
  moderatorIds: string[];
  adminsAreModerators: boolean;
}

/** Slack's settings, or undefined when no Slack token or secret is set. */
export function slackSettings(env: Env): SlackSettings | undefined {
  const e = parseEnv(SlackEnv, env);
  if (!(e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) return undefined;
  const problems: string[] = [];
  if (!e.SLACK_BOT_TOKEN)
    problems.push(
      missing(
        "SLACK_BOT_TOKEN",
        "Slack needs the Bot User OAuth Token (xoxb-…) when any SLACK_ variable is set",
      ),
    );
  const mode = e.SLACK_APP_TOKEN ? "socket" : "http";
  if (mode === "http" && !e.SLACK_SIGNING_SECRET && e.PORT === undefined)
    // Neither mode chosen: say both ways in one line, Socket Mode (the documented default) first.
    problems.push(
      "Slack needs SLACK_APP_TOKEN (Socket Mode, no public URL needed), or SLACK_SIGNING_SECRET and PORT (HTTP mode). Set them in .env (see .env.example).",
    );
  else if (mode === "http") {
    if (!e.SLACK_SIGNING_SECRET)
      problems.push(
        missing(
          "SLACK_SIGNING_SECRET",
          "HTTP mode (PORT is set) verifies Slack's requests with it (Basic Information → App Credentials); or set SLACK_APP_TOKEN for Socket Mode",
        ),
      );
    if (e.PORT === undefined)
      problems.push(
        "Slack needs SLACK_APP_TOKEN (Socket Mode, no public URL needed) or PORT (HTTP mode). Set one in .env (see .env.example).",
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    botToken: e.SLACK_BOT_TOKEN ?? "",
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    port: e.PORT,
    mode,
    apiUrl: e.SLACK_API_URL,
    moderatorIds: e.SLACK_MODERATOR_IDS,
    adminsAreModerators: e.SLACK_ADMINS_ARE_MODERATORS,
  };
}

export const slackSecrets = (s: SlackSettings): string[] =>
  [s.botToken, s.signingSecret, s.appToken].filter((v): v is string => Boolean(v));
