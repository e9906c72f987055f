import type { RespondFn, SlashCommand, webApi } from "@slack/bolt";
import type { Logger } from "../../runtime/log.js";
import { errorReason } from "./errors.js";
import type { SlackMessage } from "./render/limits.js";

/** One message answering a command: for the channel, or only for the member who asked. */
export interface Answer extends SlackMessage {
  response_type: "in_channel" | "ephemeral";
}

/** Where one command's messages go: the ack first, then response_url, then the Web API. */
export interface Responder {
  /** Sends one message; never throws. False when nothing reached Slack (the log has said why). */
  send(message: Answer): Promise<boolean>;
}

export interface ResponderDeps {
  ack: (message: Answer) => Promise<void>;
  /** Bolt's respond(); left out when the payload's response_url is not Slack's (never followed). */
  respond: RespondFn | undefined;
  client: webApi.WebClient;
  payload: Pick<SlashCommand, "channel_id" | "user_id">;
  log: Logger;
  /** command, platform, user: what every line about this command carries. */
  context: Record<string, unknown>;
}

/**
 * The first message goes in the ack (one round trip, nothing to lose). Later ones, or one whose ack
 * failed (the socket dropped), go to the response_url; if Slack refuses that (expired after 30
 * minutes, 5 times used, HTTP 5xx), the bot posts the message itself: ephemeral to the member, or
 * to the channel. Each fault is one log line with its cause; once the response_url has failed it
 * is not tried again for this command.
 */
export function responder(deps: ResponderDeps): Responder {
  let acked = false;
  // Why the response_url failed, once it has: it is not tried again, and said in the log once.
  let urlFailure = deps.respond ? undefined : "the response_url is not Slack's";
  // An untrusted response_url was logged once when the command came in (inbound.ts).
  let urlFailureLogged = deps.respond === undefined;
  return {
    async send(message) {
      const failures: string[] = [];
      if (!acked) {
        acked = true;
        try {
          await deps.ack(message);
          return true;
        } catch (error) {
          failures.push(`the ack failed (${errorReason(error)})`);
        }
      }
      if (urlFailure === undefined && deps.respond) {
        try {
          await deps.respond(message);
          if (failures.length > 0) warn(deps, failures, "sent the answer through response_url instead");
          return true;
        } catch (error) {
          urlFailure = `the response_url failed (${errorReason(error)})`;
        }
      }
      failures.push(urlFailure ?? "there is no response_url");
      try {
        await postDirectly(deps, message);
        const news = failures.length > 1 || !urlFailureLogged;
        if (news) warn(deps, failures, "sent the answer through the Web API instead");
        urlFailureLogged = true;
        return true;
      } catch (error) {
        failures.push(`posting it directly failed (${errorReason(error)})`);
        deps.log.error({ ...deps.context, cause: failures.join("; ") }, "could not answer the command");
        return false;
      }
    },
  };
}

/**
 * Slack's response_urls are on hooks.slack.com; a signed request naming any other host would make
 * the bot POST wherever it says. `apiUrl`'s host (SLACK_API_URL) is also trusted, for the fakes.
 */
export function isSlackHook(apiUrl: string): (url: unknown) => boolean {
  const api = new URL(apiUrl);
  return (url) => {
    if (typeof url !== "string" || !URL.canParse(url)) return false;
    const u = new URL(url);
    if (u.username || u.password) return false;
    return (
      (u.protocol === "https:" && u.host === HOOKS) || (u.protocol === api.protocol && u.host === api.host)
    );
  };
}

const HOOKS = "hooks.slack.com";

const warn = (deps: ResponderDeps, failures: string[], what: string) =>
  deps.log.warn({ ...deps.context, cause: failures.join("; ") }, what);

/** chat.postEphemeral for a private answer, chat.postMessage for a public one. */
async function postDirectly(
  deps: ResponderDeps,
  { response_type: type, text, blocks }: Answer,
): Promise<void> {
  const channel = deps.payload.channel_id;
  if (type === "in_channel") await deps.client.chat.postMessage({ channel, text, blocks });
  else await deps.client.chat.postEphemeral({ channel, user: deps.payload.user_id, text, blocks });
}
