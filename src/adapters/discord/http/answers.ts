/**
 * The first answer to an HTTP interaction goes back in the body of Discord's own request (its
 * recommended path, and one network round trip fewer than a callback). The inbound code answers
 * through discord.js as in gateway mode; discord.js's own reply code posts that answer as a REST
 * callback, which `catchCallbacks` takes at client.rest.post (before discord.js's request queue,
 * rate limits and fetch) and writes as the HTTP response while the request is open. Everything
 * later (follow-ups, edits, threads, messages) goes through REST as usual; `intercept` (discord.js's
 * RESTOptions.makeRequest) turns a first answer after the deferral into an edit.
 *
 * With no answer within `deferAfterMs`, Discord is answered with a deferral so the interaction does
 * not fail; a first answer after that edits the deferred reply instead (it keeps the deferral's
 * visibility: private, as nobody can tell yet whether the answer is meant for everyone). One timer
 * serves every open interaction: they are kept in arrival order, so it waits for the oldest.
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type REST,
  type RESTOptions,
} from "discord.js";
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
  /** performance.now() by which the deferral goes out. */
  due: number;
}

const CALLBACK = /\/interactions\/(\d+)\/[^/?]+\/callback(?:\?|$)/u;
/** discord.js's Routes.interactionCallback(id, token), the route it gives client.rest.post. */
const CALLBACK_ROUTE = /^\/interactions\/(\d+)\/[^/]+\/callback$/u;
/** What discord.js's REST resolves a 204 to; discord.js reads nothing of it without withResponse. */
const NO_CONTENT = new ArrayBuffer(0);

export interface AnswersOptions {
  deferAfterMs: number;
  applicationId: string;
  log: Logger;
}

export class HttpAnswers {
  /** In arrival order, so the first entry still unanswered is the next one due. */
  private readonly open = new Map<string, Open>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AnswersOptions) {}

  /** Holds interaction `id`'s HTTP response until its first answer or the deferral. */
  expect(interaction: { id: string; token: string; type: number }, send: Send): void {
    this.open.set(interaction.id, {
      type: interaction.type,
      token: interaction.token,
      send,
      deferred: false,
      due: performance.now() + this.options.deferAfterMs,
    });
    if (!this.timer) this.arm(this.options.deferAfterMs);
  }

  /**
   * Wraps `rest.post` so that discord.js's own reply code (reply, deferReply, update, respond…)
   * answers an open interaction in its HTTP response without going through the REST queue. JSON
   * as discord.js's REST would send it; anything else (files, or after the deferral) goes on to
   * REST, where `intercept` handles it.
   */
  catchCallbacks(rest: REST): void {
    const post = rest.post.bind(rest);
    rest.post = (route, options = {}) => {
      const id = CALLBACK_ROUTE.exec(route)?.[1];
      const entry = id === undefined ? undefined : this.open.get(id);
      if (id === undefined || !entry?.send || options.files?.length || options.passThroughBody)
        return post(route, options);
      entry.send(callbackJson(options.body));
      this.forget(id);
      return Promise.resolve(NO_CONTENT);
    };
  }

  /** The handler is done: an interaction still unanswered gets the deferral; it is forgotten. */
  finish(id: string): void {
    this.defer(id, "unanswered");
    this.forget(id);
  }

  /** Forgets the interaction without answering (its HTTP request was refused). */
  forget(id: string): void {
    this.open.delete(id);
    if (this.open.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * For RESTOptions.makeRequest: the callbacks `catchCallbacks` let through. A first answer after
   * the deferral becomes an edit; one with files while the HTTP request is open is refused (the
   * HTTP response carries JSON only, and a REST callback beside it would answer twice).
   */
  intercept(url: string, init: Parameters<MakeRequest>[1], inner: MakeRequest): ReturnType<MakeRequest> {
    const id = CALLBACK.exec(url)?.[1];
    const entry = id === undefined ? undefined : this.open.get(id);
    if (id === undefined || !entry) return inner(url, init);
    if (typeof init.body !== "string" || entry.send)
      throw new Error("an HTTP interaction's first answer is JSON only (no files)");
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

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.sweep(), Math.max(0, ms));
    this.timer.unref();
  }

  /** Defers every interaction now due, then waits for the next one still unanswered. */
  private sweep(): void {
    this.timer = undefined;
    const now = performance.now();
    for (const [id, entry] of this.open) {
      if (!entry.send) continue;
      if (entry.due > now) {
        this.arm(entry.due - now);
        return;
      }
      this.defer(id, "late");
    }
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

/** A callback's JSON by its frozen message (respond.ts keeps one per rendered answer). */
const callbacks = new WeakMap<object, { type: unknown; json: string }>();

/**
 * The callback body (`{ type, data }`, as discord.js's reply code makes it) as JSON. The message
 * of a cached answer is the same frozen object for every member, so its JSON is made once.
 */
function callbackJson(body: unknown): string {
  const { type, data, ...more } = (body ?? {}) as { type?: unknown; data?: unknown };
  const same =
    typeof data === "object" && data !== null && Object.isFrozen(data) && !Object.keys(more).length;
  if (!same) return JSON.stringify(body);
  const kept = callbacks.get(data);
  if (kept !== undefined && kept.type === type) return kept.json;
  const json = JSON.stringify({ type, data });
  callbacks.set(data, { type, json });
  return json;
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
