/**
 * The Slack app manifest, generated from the same command definitions as /help and the parser:
 * one slash command per command name (`/article post` is the `/article` command), its description
 * and a usage hint from its options, only the bot scopes the adapter uses, and the one event it
 * listens to: `app_mention`, since Slack runs no slash commands in threads (mention.ts).
 */
import { type Command, usage } from "../../core/command.js";

export interface ManifestOptions {
  name: string;
  socketMode: boolean;
  /** HTTP mode: the public https URL Slack posts commands to (…/slack/events). */
  requestUrl?: string;
  /** users:read is needed only to ask users.info whether a member is a workspace admin. */
  adminsAreModerators: boolean;
  /** OAuth (many workspaces): where Slack sends installers back (…/slack/oauth_redirect). */
  redirectUrl?: string;
}

export interface SlashCommandManifest {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlashCommandManifest[];
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
    /** The /article post preview's Post and Cancel buttons (block_actions). */
    interactivity: { is_enabled: boolean; request_url?: string };
  };
}

export function buildManifest(commands: readonly Command[], options: ManifestOptions): SlackManifest {
  const names = [...new Set(commands.map((c) => c.name))];
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: options.name.slice(0, 35),
      description:
        "Summaries, exact quotes and the announced penalties from one news article, for discussion.",
      background_color: "#2c3e50",
    },
    features: {
      bot_user: { display_name: options.name.slice(0, 80), always_online: true },
      slash_commands: names.map((name) =>
        slashCommand(
          name,
          commands.filter((c) => c.name === name),
          options.requestUrl,
        ),
      ),
    },
    oauth_config: {
      ...(options.redirectUrl ? { redirect_urls: [options.redirectUrl] } : {}),
      scopes: {
        bot: [
          "commands", // receive slash commands
          "app_mentions:read", // receive @-mentions: how members ask in threads
          "chat:write", // post the article thread in channels the bot was invited to
          // conversations.history and .replies: find an earlier post's thread and what is in it,
          // so running /article post again posts only what is missing (public, private channels)
          "channels:history",
          "groups:history",
          ...(options.adminsAreModerators ? ["users:read"] : []), // users.info: is this member an admin?
        ],
      },
    },
    settings: {
      // HTTP mode: events come to the same /slack/events URL as the commands. Members ask in threads
      // by mention; with OAuth, uninstalling or revoking removes the stored installation.
      event_subscriptions: {
        ...(options.requestUrl ? { request_url: options.requestUrl } : {}),
        bot_events: [
          "app_mention",
          ...(options.redirectUrl && options.requestUrl ? ["app_uninstalled", "tokens_revoked"] : []),
        ],
      },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
      interactivity: { is_enabled: true, ...(options.requestUrl ? { request_url: options.requestUrl } : {}) },
    },
  };
}

function slashCommand(name: string, defs: Command[], requestUrl: string | undefined): SlashCommandManifest {
  const description =
    defs.length === 1
      ? (defs[0]?.description ?? name)
      : defs.map((c) => `${c.subcommand}: ${c.description}`).join("; ");
  // usage() reads "/summary [length: short|full] [private]"; Slack shows the hint after the name.
  const hint = defs.map((c) => usage(c).slice(`/${name}`.length).trim()).join(" | ");
  return {
    command: `/${name}`,
    description: description.slice(0, 2000),
    ...(hint ? { usage_hint: hint.slice(0, 1000) } : {}),
    // Slack then sends a typed #channel as <#C123|name>, which is what /article post needs.
    should_escape: true,
    ...(requestUrl ? { url: requestUrl } : {}),
  };
}
