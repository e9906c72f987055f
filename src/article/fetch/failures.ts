/**
 * Any error a fetch can end in, as a Refusal: the rules' own refusals as they are (undici may wrap
 * the connector's in a cause), the deadline or a cancel by what they are, and network errors by
 * their code only, never by their message (which could repeat server-sent text verbatim).
 */
import { Refusal } from "./refused.js";

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EPIPE: "the connection was closed",
  UND_ERR_SOCKET: "the connection was closed before the page arrived",
  UND_ERR_HEADERS_OVERFLOW: "its headers are too large",
  HPE_INVALID_CONSTANT: "it does not speak HTTP",
};

const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/** The Refusal `error` is or wraps (undici may wrap what the connector reported). */
export function refusalIn(error: unknown): Refusal | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e instanceof Refusal) return e;
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/u.test(code)) return code;
  }
  return undefined;
}

/** `signal` is the fetch's own (the caller's and the deadline together), `deadline` the timeout's. */
export function asRefusal(
  error: unknown,
  context: { deadline: AbortSignal; signal: AbortSignal; timeoutMs: number },
): Refusal {
  const own = refusalIn(error);
  if (own) return own;
  const code = codeOf(error);
  if (context.deadline.aborted || (code && TIMEOUT_CODES.has(code)))
    return new Refusal(
      "timeout",
      `the site did not send the page within ${context.timeoutMs / 1000} seconds`,
    );
  if (context.signal.aborted) return new Refusal("cancelled", "the fetch was cancelled");
  if (code && /CERT|SIGNATURE|ISSUER/u.test(code))
    return new Refusal("network", `its HTTPS certificate could not be trusted (${code})`);
  if (code && /^ERR_(TLS|SSL)|^ERR_OSSL/u.test(code))
    return new Refusal("network", `its secure connection failed (${code})`);
  const words = code ? NETWORK_WORDS[code] : undefined;
  return new Refusal("network", `the site could not be reached (${words ?? code ?? "network error"})`);
}
