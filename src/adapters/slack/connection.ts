import { setTimeout as sleep } from "node:timers/promises";
import type { SocketModeReceiver } from "@slack/bolt";
import { within } from "../../runtime/abort.js";
import type { Logger } from "../../runtime/log.js";
import type { AdapterHealth } from "../contract.js";
import { errorReason } from "./errors.js";

type SocketModeClient = SocketModeReceiver["client"];

export interface ReconnectOptions {
  /** Wait before the first attempt once a connection closes: Slack wants a new one at once. */
  firstDelayMs: number;
  /** Wait after the first failed attempt; it doubles after each further failure… */
  retryDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
}

export const RECONNECT: ReconnectOptions = { firstDelayMs: 0, retryDelayMs: 1_000, maxDelayMs: 30_000 };

export interface SocketKeeper {
  health(): AdapterHealth;
  /** Stops reconnecting and closes the connection, waiting at most `ms` for the close handshake. */
  close(ms: number): Promise<void>;
}

// What Slack's `disconnect` messages mean; any reason reconnects, as Slack asks.
const REASONS: Record<string, { level: "info" | "warn"; says: string }> = {
  refresh_requested: { level: "info", says: "Slack is refreshing the connection" },
  warning: { level: "info", says: "Slack will close the connection shortly" },
  link_disabled: {
    level: "warn",
    says: "Slack says Socket Mode was turned off for the app; if reconnecting keeps failing, turn it on under Settings → Socket Mode",
  },
};

/**
 * Keeps the Socket Mode connection up. The Socket Mode client's own reconnection waits its ping
 * timeout (5 s) before each attempt, and commands sent in that gap fail in Slack; this reconnects
 * at once, then backs off (1 s, 2 s, … 30 s) while attempts fail. One log line says why the
 * connection closed, one that it is back; the client's own lines about it stay at debug level.
 */
export function keepConnected(
  client: SocketModeClient,
  log: Logger,
  options: ReconnectOptions = RECONNECT,
): SocketKeeper {
  let state: AdapterHealth = { state: "ready" };
  let reason: string | undefined;
  let reconnecting = false;
  let closing = false;
  const wake = new AbortController();

  client.on("ws_message", (data: unknown) => {
    if (typeof data !== "string" || !data.includes('"disconnect"')) return;
    try {
      const message = JSON.parse(data) as { type?: string; reason?: string };
      if (message.type === "disconnect") reason = message.reason ?? "unknown";
    } catch {
      // not JSON: the client ignores it too
    }
  });
  client.on("disconnected", () => {
    if (!closing) void reconnect();
  });

  async function reconnect(): Promise<void> {
    if (reconnecting) return;
    reconnecting = true;
    const lost = Date.now();
    const why = reason;
    reason = undefined;
    const known = why === undefined ? undefined : REASONS[why];
    state = { state: "reconnecting", detail: why ?? "connection lost" };
    if (why === undefined) log.warn({ cause: "the connection closed unexpectedly" }, LOST);
    else log[known?.level ?? "warn"]({ reason: why, cause: known?.says ?? why }, ASKED);

    let delay = options.firstDelayMs;
    for (let attempt = 1; !closing; attempt++) {
      try {
        await sleep(delay, undefined, { signal: wake.signal });
        await client.start();
        state = { state: "ready" };
        log.info({ attempts: attempt, downMs: Date.now() - lost }, "Socket Mode reconnected");
        break;
      } catch (error) {
        if (closing) break;
        delay = attempt === 1 ? options.retryDelayMs : Math.min(delay * 2, options.maxDelayMs);
        log.warn(
          { attempt, cause: errorReason(error), retryInMs: delay },
          "Socket Mode reconnect failed; trying again",
        );
      }
    }
    reconnecting = false;
  }

  return {
    health: () => state,
    async close(ms) {
      closing = true;
      wake.abort();
      await within(client.disconnect(), ms);
    },
  };
}

const LOST = "Socket Mode connection lost; reconnecting";
const ASKED = "Slack asked the bot to reconnect; reconnecting";
