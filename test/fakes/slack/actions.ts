/**
 * Button presses as Slack sends them: a `block_actions` payload (the user, the channel, the
 * container, a fresh response_url, the one action pressed) as a signed HTTP form body
 * `payload=<json>` to the Request URL, or as an `interactive` envelope over Socket Mode. Slack
 * wants the ack within 3 s and sends nothing in it; the bot's answers arrive at the press's
 * response_url, which the fake records (`api.answersTo(responseUrl)`).
 */
import { postSigned } from "./slash-command.js";
import type { FakeSocketMode } from "./socket-mode.js";
import { FAKE_TEAM, type FakeSlackApi } from "./web-api.js";

export interface Button {
  action_id: string;
  value?: string;
  text: string;
  block_id?: string;
}

/** The buttons a message shows, from its actions blocks. */
export function buttonsIn(message: Record<string, unknown> | undefined): Button[] {
  const blocks = (message?.blocks ?? []) as Record<string, unknown>[];
  return blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) =>
      ((b.elements ?? []) as Record<string, unknown>[])
        .filter((e) => e.type === "button")
        .map((e) => ({
          action_id: String(e.action_id),
          ...(typeof e.value === "string" ? { value: e.value } : {}),
          text: String((e.text as { text?: string } | undefined)?.text ?? ""),
          ...(typeof b.block_id === "string" ? { block_id: b.block_id } : {}),
        })),
    );
}

export interface PressFields {
  user_id: string;
  user_name?: string;
  channel_id?: string;
  /** The workspace the press comes from (default the fake's own). */
  team_id?: string;
}

let presses = 0;

export function blockActionsPayload(
  button: Button,
  who: PressFields,
  api: FakeSlackApi,
): Record<string, unknown> {
  const channel = who.channel_id ?? "C0GENERAL";
  const team = who.team_id ?? FAKE_TEAM.id;
  const now = `${Math.floor(Date.now() / 1000)}.${String(++presses).padStart(6, "0")}`;
  return {
    type: "block_actions",
    user: {
      id: who.user_id,
      username: who.user_name ?? who.user_id.toLowerCase(),
      name: who.user_name ?? who.user_id.toLowerCase(),
      team_id: team,
    },
    api_app_id: "A0FAKE",
    token: "legacy-verification-token",
    // An ephemeral message: Slack sends no `message`, only where it was.
    container: { type: "message", message_ts: now, channel_id: channel, is_ephemeral: true },
    trigger_id: `${now}.fake.trigger`,
    team: { id: team, domain: team === FAKE_TEAM.id ? FAKE_TEAM.domain : team.toLowerCase() },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: channel.toLowerCase() },
    state: { values: {} },
    response_url: api.responseUrl(),
    actions: [
      {
        action_id: button.action_id,
        block_id: button.block_id ?? "block",
        text: { type: "plain_text", text: button.text, emoji: true },
        ...(button.value === undefined ? {} : { value: button.value }),
        type: "button",
        action_ts: now,
      },
    ],
  };
}

export interface PressAnswer {
  /** Where the bot's answers to this press go. */
  responseUrl: string;
  /** HTTP mode: the status of the ack. */
  status?: number;
}

export interface ActionSender {
  press(button: Button, who: PressFields): Promise<PressAnswer>;
}

/** Presses as signed `payload=<json>` form posts to the bot's Request URL (HTTP mode). */
export function httpActions(api: FakeSlackApi, url: string, secret: string): ActionSender {
  return {
    async press(button, who) {
      const payload = blockActionsPayload(button, who, api);
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const answer = await postSigned(url, secret, body);
      return { responseUrl: String(payload.response_url), status: answer.status };
    },
  };
}

/** Presses as `interactive` envelopes over the fake Socket Mode connection. */
export function socketActions(api: FakeSlackApi, socket: FakeSocketMode): ActionSender {
  return {
    async press(button, who) {
      const payload = blockActionsPayload(button, who, api);
      await socket.send("interactive", payload);
      return { responseUrl: String(payload.response_url) };
    },
  };
}
