import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { commands } from "../commands/index.js";
import { buildManifest } from "../src/adapters/slack/register.js";
import { loadArticle } from "../src/article/load.js";
import { forArticle } from "../src/core/command.js";
import { loadEnvFile, parseShared } from "../src/runtime/config.js";

/**
 * `npm run manifest`: writes the Slack app manifest for this bot. Socket Mode unless told
 * otherwise (or unless .env sets PORT and no SLACK_APP_TOKEN): `-- --http https://bot.example.com`.
 */
const USAGE = `Usage: npm run manifest [-- --socket | --http <public https URL> | --oauth <public https URL>] [--out <file>] [--name <app name>]
  --socket       Socket Mode: no public URL needed (the default)
  --http <url>   HTTP mode: Slack sends commands to <url>/slack/events
  --oauth <url>  HTTP mode for many workspaces: also installs come back to <url>/slack/oauth_redirect,
                 and uninstalls arrive as events at <url>/slack/events
  --out <file>   where to write it (default: slack-manifest.json)
  --name <name>  the app's name in Slack (default: Article Bot)`;

function main(argv: string[]): number {
  let values: { socket?: boolean; http?: string; oauth?: string; out: string; name: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        socket: { type: "boolean" },
        http: { type: "string" },
        oauth: { type: "string" },
        out: { type: "string", default: "slack-manifest.json" },
        name: { type: "string", default: "Article Bot" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ([values.socket, values.http, values.oauth].filter((v) => v !== undefined).length > 1)
    return fail(`Choose one of --socket, --http and --oauth (--oauth is HTTP mode too).\n${USAGE}`);

  loadEnvFile();
  const env = process.env;
  const socketMode =
    values.socket === true ||
    (values.http === undefined &&
      values.oauth === undefined &&
      !(env.PORT?.trim() && !env.SLACK_APP_TOKEN?.trim()));
  const requestUrl = socketMode ? undefined : eventsUrl(values.oauth ?? values.http);
  if (requestUrl instanceof Error) return fail(requestUrl.message);
  const redirectUrl =
    values.oauth === undefined
      ? undefined
      : requestUrl?.replace(/\/slack\/events$/u, "/slack/oauth_redirect");

  // Descriptions name the speaker of the article the bot serves (ARTICLE_DIR).
  const article = loadArticle(parseShared(env).articleDir);
  const manifest = buildManifest(forArticle(commands, article), {
    name: values.name,
    socketMode,
    adminsAreModerators: !/^(false|0|no)$/iu.test(env.SLACK_ADMINS_ARE_MODERATORS?.trim() ?? ""),
    ...(requestUrl ? { requestUrl } : {}),
    ...(redirectUrl ? { redirectUrl } : {}),
  });
  const out = resolve(values.out);
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
  const names = manifest.features.slash_commands.map((c) => c.command).join(", ");
  process.stdout.write(
    `Wrote the Slack app manifest to ${out}\n  ${socketMode ? "Socket Mode" : `HTTP mode, Request URL ${requestUrl}`}${redirectUrl ? `; OAuth redirect URL ${redirectUrl}` : ""}; slash commands ${names}; bot scopes ${manifest.oauth_config.scopes.bot.join(", ")}\nNext: https://api.slack.com/apps → Create New App → From a manifest, paste the file (docs/slack.md walks through it).\n`,
  );
  return 0;
}

/** `https://bot.example.com` → `https://bot.example.com/slack/events`; Slack only calls https. */
function eventsUrl(base: string | undefined): string | Error {
  if (base === undefined)
    return new Error(
      "HTTP mode needs the bot's public URL: npm run manifest -- --http https://bot.example.com (or use --socket).",
    );
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return new Error(`--http takes a URL like https://bot.example.com, not “${base}”.`);
  }
  if (url.protocol !== "https:") return new Error(`Slack only sends commands to https URLs, not “${base}”.`);
  const path = url.pathname.replace(/\/+$/u, "");
  url.pathname = path.endsWith("/slack/events") ? path : `${path}/slack/events`;
  return url.toString();
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
