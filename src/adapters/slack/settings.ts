/** The Slack adapter's variables: enabled by any SLACK_ token or secret. No Bolt here: main reads this for every start. */
import * as z from "zod";
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
  SLACK_CLIENT_ID: optional(
    z.string().regex(/^\d+\.\d+$/u, "must be the app's Client ID, like 1234567890.1234567890"),
  ),
  SLACK_CLIENT_SECRET: optional(z.string().min(8, "looks too short to be a client secret")),
  SLACK_STATE_SECRET: optional(z.string().min(16, "must be at least 16 characters (a long random string)")),
  SLACK_OAUTH_AUTHORIZE_URL: z.preprocess(blank, z.url().default("https://slack.com/oauth/v2/authorize")),
});

/** OAuth for many workspaces: the app's credentials, and where installers are sent to allow it. */
export interface SlackOAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  authorizeUrl: string;
}

export interface SlackSettings {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number | undefined;
  mode: "socket" | "http";
  apiUrl: string;
  moderatorIds: string[];
  adminsAreModerators: boolean;
  /** Set when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are: tokens come from installations. */
  oauth: SlackOAuthSettings | undefined;
}

/** Slack's settings, or undefined when no Slack token or secret is set. */
export function slackSettings(env: Env): SlackSettings | undefined {
  const e = parseEnv(SlackEnv, env);
  const oauthVars = OAUTH_VARS.filter((name) => e[name] !== undefined);
  if (!(e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET || oauthVars.length > 0))
    return undefined;
  const oauth = oauthVars.length > 0;
  const problems = oauth ? oauthProblems(e, oauthVars, env) : tokenProblems(e);
  const mode = e.SLACK_APP_TOKEN ? "socket" : "http";
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
    oauth:
      oauth && e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET,
            stateSecret: e.SLACK_STATE_SECRET,
            authorizeUrl: e.SLACK_OAUTH_AUTHORIZE_URL,
          }
        : undefined,
  };
}

/** One workspace through SLACK_BOT_TOKEN, in Socket Mode (SLACK_APP_TOKEN) or HTTP mode. */
function tokenProblems(e: z.infer<typeof SlackEnv>): string[] {
  const problems: string[] = [];
  const mode = e.SLACK_APP_TOKEN ? "socket" : "http";
  if (!e.SLACK_BOT_TOKEN)
    problems.push(
      missing(
        "SLACK_BOT_TOKEN",
        "Slack needs the Bot User OAuth Token (xoxb-…) when any SLACK_ variable is set",
      ),
    );
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
  return problems;
}

const OAUTH_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/**
 * OAuth needs all three variables, HTTP mode (Slack redirects installers to this server) and the
 * token key (installations keep their tokens encrypted); a single bot token contradicts it. A
 * malformed key is reported by the state settings, with the same line everywhere.
 */
function oauthProblems(
  e: z.infer<typeof SlackEnv>,
  set: readonly (typeof OAUTH_VARS)[number][],
  env: Env,
): string[] {
  const problems: string[] = [];
  const unset = OAUTH_VARS.filter((name) => !set.includes(name));
  if (unset.length > 0)
    problems.push(
      `Slack OAuth needs ${OAUTH_VARS.join(", ")} together; ${set.join(" and ")} ${set.length === 1 ? "is" : "are"} set but ${unset.join(" and ")} ${unset.length === 1 ? "is" : "are"} not (Basic Information → App Credentials; the state secret is any long random string). Unset them all for a single workspace.`,
    );
  if (e.SLACK_APP_TOKEN)
    problems.push(
      "Slack OAuth (SLACK_CLIENT_ID …) runs in HTTP mode only: Slack sends installers back to this server. Unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET and PORT.",
    );
  if (e.SLACK_BOT_TOKEN)
    problems.push(
      "SLACK_BOT_TOKEN and Slack OAuth (SLACK_CLIENT_ID …) exclude each other: with OAuth each workspace's token comes from its installation. Unset SLACK_BOT_TOKEN, or the OAuth variables for one workspace.",
    );
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET)
    problems.push(
      missing(
        "SLACK_SIGNING_SECRET",
        "Slack OAuth runs in HTTP mode, which verifies Slack's requests with it",
      ),
    );
  if (!e.SLACK_APP_TOKEN && e.PORT === undefined)
    problems.push(
      missing("PORT", "Slack OAuth runs in HTTP mode: the install page and commands arrive on it"),
    );
  if (!env.TOKEN_ENCRYPTION_KEY?.trim())
    problems.push(
      missing(
        "TOKEN_ENCRYPTION_KEY",
        "Slack OAuth keeps each workspace's tokens encrypted with it; generate one with `openssl rand -base64 32`",
      ),
    );
  return problems;
}

export const slackSecrets = (s: SlackSettings): string[] =>
  [s.botToken, s.signingSecret, s.appToken, s.oauth?.clientSecret, s.oauth?.stateSecret].filter(
    (v): v is string => Boolean(v),
  );
