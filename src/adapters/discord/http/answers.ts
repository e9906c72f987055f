/**
 * The first answer to an HTTP interaction goes back in the body of Discord's own request (its
 * recommended path, and one network round trip fewer than a callback). The inbound code answers
 * through discord.js as in gateway mode; discord.js sends that answer as a REST callback, which
 * `intercept` (discord.js's RESTOptions.makeRequest) turns into the HTTP response while the request
 * is open. Everything later (follow-ups, edits, threads, messages) goes through REST as usual.
 *
 * With no answer within `deferAfterMs`, Discord is answered with a deferral so the interaction does
 * not fail; a first answer after that edits the deferred reply instead (it keeps the deferral's
 * visibility: private, as nobody can tell yet whether the answer is meant for everyone).
 */
import { InteractionResponseType, InteractionType, MessageFlags, type RESTOptions } from "discord.js";
import type { Logger } from "../../../runtime/log.js";

type MakeRequest = RESTOptions["makeRequest"];

/** Writes the HTTP response's JSON body (status 200). */
export type Send = (body: string) => void;

interface Open {
  type: number;
  token: string;
  /** Unset once the HTTP response has gone. */
  send: Send | undefined;
  /** The HTTP response was the deferral: a first answer now edits the deferred reply. */
  deferred: boolean;
  cancel: () => void;
}

const CALLBACK = /\/interactions\/(\d+)\/[^/?]+\/callback(?:\?|$)/u;

export interface AnswersOptions {
  deferAfterMs: number;
  applicationId: string;
  log: Logger;
}

export class HttpAnswers {
  private readonly open = new Map<string, Open>();

  constructor(private readonly options: AnswersOptions) {}

  /** Holds interaction `id`'s HTTP response until its first answer or the deferral. */
  expect(interaction: { id: string; token: string; type: number }, send: Send): void {
    const timer = setTimeout(() => this.defer(interaction.id, "late"), this.options.deferAfterMs);
    timer.unref();
    this.open.set(interaction.id, {
      type: interaction.type,
      token: interaction.token,
      send,
      deferred: false,
      cancel: () => clearTimeout(timer),
    });
  }

  /** The handler is done: an interaction still unanswered gets the deferral; it is forgotten. */
  finish(id: string): void {
    this.defer(id, "unanswered");
    this.forget(id);
  }

  /** Forgets the interaction without answering (its HTTP request was refused). */
  forget(id: string): void {
    this.open.get(id)?.cancel();
    this.open.delete(id);
  }

  /** For RESTOptions.makeRequest: an open interaction's callback becomes its HTTP response. */
  intercept(url: string, init: Parameters<MakeRequest>[1], inner: MakeRequest): ReturnType<MakeRequest> {
    const id = CALLBACK.exec(url)?.[1];
    const entry = id === undefined ? undefined : this.open.get(id);
    if (id === undefined || !entry) return inner(url, init);
    if (typeof init.body !== "string")
      throw new Error("an HTTP interaction's first answer is JSON only (no files)");
    if (entry.send) {
      entry.send(init.body);
      this.forget(id);
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    return this.afterDeferral(url, init, entry, inner);
  }

  /** The first answer after the deferral: a message or an update edits the deferred reply. */
  private async afterDeferral(
    url: string,
    init: Parameters<MakeRequest>[1],
    entry: Open,
    inner: MakeRequest,
  ): ReturnType<MakeRequest> {
    const { type, data } = JSON.parse(String(init.body)) as { type: number; data?: { flags?: number } };
    const edits =
      type === InteractionResponseType.ChannelMessageWithSource ||
      type === InteractionResponseType.UpdateMessage;
    if (!edits || !data) return new Response(null, { status: 204 });
    const { flags: _visibilityIsTheDeferral, ...message } = data;
    const api = url.slice(0, url.indexOf("/interactions/"));
    const edit = `${api}/webhooks/${this.options.applicationId}/${entry.token}/messages/@original`;
    const response = await inner(edit, { ...init, method: "PATCH", body: JSON.stringify(message) });
    return response.ok ? new Response(null, { status: 204 }) : response;
  }

  private defer(id: string, why: "late" | "unanswered"): void {
    const entry = this.open.get(id);
    if (!entry?.send) return;
    entry.send(JSON.stringify(deferral(entry.type)));
    entry.send = undefined;
    entry.deferred = true;
    if (why === "late")
      this.options.log.warn(
        { interaction: id, afterMs: this.options.deferAfterMs },
        "no answer in time for an HTTP interaction: Discord was sent a deferral",
      );
  }
}

/** What keeps Discord from failing the interaction, for its type. */
function deferral(type: number): Record<string, unknown> {
  switch (type) {
    case InteractionType.ApplicationCommandAutocomplete:
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
    case InteractionType.MessageComponent:
      return { type: InteractionResponseType.DeferredMessageUpdate };
    default:
      return {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      };
  }
}
