/**
 * Why the Discord adapter could not start, in one line an operator can act on: the network, the
 * token, the intents or Discord itself. Each is a ConfigError, which main.ts prints as that one
 * line and exits 1 (as the state layer does for a database it cannot reach at start).
 */
import { DiscordAPIError, GatewayCloseCodes, HTTPError } from "discord.js";
import { ConfigError } from "../../runtime/config.js";
import type { DiscordSettings } from "./settings.js";

const RESET =
  "Reset it in the Developer Portal → your app → Bot, and put the new token in .env (see docs/discord.md).";

/** undici's error codes for a host the bot cannot reach, in words. */
const NETWORK: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "timed out",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "timed out connecting",
  UND_ERR_SOCKET: "connection dropped",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate could not be verified",
};

/**
 * `closeCode` is the gateway's close code when Discord closed the connection during login for
 * good (discord.js rejects login with only a message then).
 */
export function startError(
  error: unknown,
  settings: DiscordSettings,
  closeCode: number | undefined,
): unknown {
  if (closeCode === GatewayCloseCodes.AuthenticationFailed)
    return new ConfigError([
      `DISCORD_TOKEN was rejected by Discord's gateway (close code 4004: authentication failed). ${RESET}`,
    ]);
  if (closeCode === GatewayCloseCodes.DisallowedIntents || closeCode === GatewayCloseCodes.InvalidIntents)
    return new ConfigError([
      `Discord refused the bot's gateway intents (close code ${closeCode}). The bot asks only for Guilds, which is not privileged, so check that DISCORD_TOKEN is this bot's token and that nothing adds intents; privileged ones are switched on in the Developer Portal → your app → Bot → Privileged Gateway Intents.`,
    ]);
  if (closeCode !== undefined)
    return new ConfigError([
      `Discord closed the gateway connection during login (close code ${closeCode}: ${GatewayCloseCodes[closeCode] ?? "unknown"}); see docs/discord.md.`,
    ]);
  if ((error instanceof DiscordAPIError && error.status === 401) || /TokenInvalid/u.test(nameOf(error)))
    return new ConfigError([`DISCORD_TOKEN was rejected by Discord (401 Unauthorized). ${RESET}`]);
  if (error instanceof HTTPError && error.status >= 500)
    return new ConfigError([
      `Discord had a server error (HTTP ${error.status}) when the bot asked where to connect. That is on Discord's side: try again in a few minutes, and see https://discordstatus.com.`,
    ]);
  const network = networkProblem(error);
  if (network)
    return new ConfigError([
      `Could not reach Discord at ${settings.apiUrl} (${network}). Check the machine's network, proxy and firewall, and DISCORD_API_URL if you set it.`,
    ]);
  return error;
}

const nameOf = (error: unknown): string => (error instanceof Error ? `${error.name} ${error.message}` : "");

/** "connection refused, ECONNREFUSED", from undici's error or its cause; undefined when not a network error. */
function networkProblem(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (code in NETWORK || /^E[A-Z]+$/u.test(code)))
      return `${NETWORK[code] ?? "network error"}, ${code}`;
    if (e.name === "TimeoutError" || e.name === "AbortError") return "no answer in time";
  }
  return undefined;
}
