/**
 * A request Slack retries, or a signed body sent again, runs once. Every request that reaches
 * Bolt's listeners (signature verified in HTTP mode; an envelope in Socket Mode) is keyed by a hash
 * of its body: Slack re-signs a retry under a new timestamp but sends the same body, and a slash
 * command's body is unique to it (its trigger_id). An Events API delivery (an @-mention) is keyed
 * by its workspace and event_id instead: that is what Slack keeps across the retries of one event
 * (X-Slack-Retry-Num over HTTP, retry_attempt over Socket Mode). A key seen within the signature
 * window is acked (HTTP 200, or the envelope's ack) and not run again.
 *
 * `SeenRequests` is the seam for several replicas: a Redis-backed store with the same `seen()`
 * (SET key NX PX ttl) can be passed as `SlackStartOptions.seen`.
 */
import { createHash } from "node:crypto";
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../runtime/log.js";

export { SeenInMemory } from "../../state/seen-memory.js";

export interface SeenRequests {
  /** True when `key` was already recorded within `ttlMs`; otherwise records it and says false. */
  seen(key: string, ttlMs: number): boolean | Promise<boolean>;
}

/** How long a body counts as seen: Slack's signature window (older requests are refused anyway). */
const REPLAY_WINDOW_MS = 5 * 60_000;

/** Bolt global middleware: acks a body already seen without running any listener. */
export function skipRepeats(store: SeenRequests, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!(await store.seen(requestKey(args.body), REPLAY_WINDOW_MS))) {
      await args.next();
      return;
    }
    log.info(
      { retry: args.context.retryNum, reason: args.context.retryReason },
      "ignored a repeated Slack request",
    );
    if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
  };
}

/** `slack:event:T123:Ev456` for an event (the same across its retries), else a hash of the body. */
export function requestKey(body: unknown): string {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (b.type === "event_callback" && typeof b.event_id === "string" && b.event_id !== "")
    return `slack:event:${String(b.team_id ?? b.enterprise_id ?? "")}:${b.event_id}`;
  return `slack:${createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;
}
