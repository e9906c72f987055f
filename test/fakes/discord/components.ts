/**
 * Message components on the fake Discord: a person presses a button under a message the bot sent
 * as an interaction answer, and the fake sends INTERACTION_CREATE of type 3 (MESSAGE_COMPONENT)
 * with the message, the button's custom_id and who pressed it, as Discord does. Discord's client
 * offers only the buttons the message now carries; `unchecked` sends a press anyway (a stale
 * client, a race with an edit). The bot answers with callback 6 or 7 (or 4/5 for a new message),
 * which routes.ts accepts and applies to the pressed message.
 */
import { InteractionType } from "./constants.js";
import type { FakeDiscord, InteractionHandle } from "./index.js";
import { asUser, type InteractionRecord, inGuild } from "./interactions.js";
import type { Persona } from "./state.js";

export interface PressSpec {
  /** The custom_id of the button pressed. */
  customId: string;
  /** Who presses it (default: the person who ran the command). */
  as?: Persona;
  /** Someone else with the persona's roles. */
  userId?: string;
  /** Press even when the message no longer shows that button. */
  unchecked?: boolean;
}

interface Button {
  type: number;
  custom_id?: string;
  label?: string;
}

/** The buttons a message now shows: `components` rows of type 1 holding type-2 buttons. */
export function buttonsOf(message: Record<string, unknown> | undefined): Button[] {
  const rows = (message?.components ?? []) as { type: number; components?: Button[] }[];
  return rows.flatMap((row) => (row.type === 1 ? (row.components ?? []) : [])).filter((b) => b.type === 2);
}

/** Presses a button on `source`'s original message (its reply, as edited). */
export function press(fake: FakeDiscord, source: InteractionRecord, spec: PressSpec): InteractionHandle {
  const { state } = fake;
  const shown = source.original;
  if (!shown) throw new Error("the interaction has no message to press a button on");
  if (!spec.unchecked && !buttonsOf(shown).some((b) => b.custom_id === spec.customId))
    throw new Error(`the message shows no button ${spec.customId}`);
  const persona = spec.as ?? source.spec.as ?? "member";
  const userId = spec.userId ?? (spec.as === undefined ? source.spec.userId : undefined);
  const channel = state.channels.get(String(source.payload.channel_id));
  if (!channel) throw new Error("the message's channel is gone");
  const ids = fake.newInteractionIds();
  const message = state.messageJson({
    id: String(shown.id ?? source.id),
    channel_id: channel.id,
    body: shown,
    author: state.botUser,
    timestamp: new Date().toISOString(),
  });
  const payload = {
    ...ids,
    application_id: state.applicationId,
    type: InteractionType.MESSAGE_COMPONENT,
    version: 1,
    data: { custom_id: spec.customId, component_type: 2 },
    message: {
      ...message,
      flags: Number(shown.flags ?? 0),
      interaction_metadata: {
        id: source.id,
        type: Number(source.payload.type),
        user: (source.payload.member as { user: unknown }).user,
        authorizing_integration_owners: { "0": state.guildId },
      },
    },
    ...inGuild(state, channel, asUser(state.memberJson(persona, state.permissionsOf(persona)), userId)),
  };
  const asPressed = { command: source.spec.command, as: persona, ...(userId ? { userId } : {}) };
  return fake.dispatchInteraction(
    { ...ids, kind: "component", spec: asPressed, source, payload },
    `button ${spec.customId}`,
  );
}
