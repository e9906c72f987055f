/**
 * The connector undici uses for every socket of a fetch, where the address rule is enforced on the
 * address actually connected to. It resolves the host itself (through an injectable lookup),
 * refuses if any answer is not public, and hands undici's own connector the checked IP literal
 * (keeping the host name for TLS SNI and certificate checks), so nothing resolves the name again
 * between the check and the connect: a DNS-rebinding server that answered a public address to an
 * earlier look-up gains nothing by answering 127.0.0.1 now.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { buildConnector } from "undici";
import { unlessAborted } from "../../runtime/abort.js";
import { bare, notPublic } from "./address-rule.js";
import { quoted, Refusal } from "./refused.js";

export interface LookupAddress {
  address: string;
  family: number;
}

/** Every address for `hostname`; tests inject one so no test resolves a real name. */
export type Lookup = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true });

const NOT_FOUND = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "ENODATA"]);

async function resolve(host: string, lookup: Lookup): Promise<string[]> {
  const missing = new Refusal("dns", `the host ${quoted(host)} was not found; check the link`);
  try {
    const found = await lookup(host);
    if (found.length === 0) throw missing;
    return found.map((a) => a.address);
  } catch (error) {
    if (error instanceof Refusal || NOT_FOUND.has((error as NodeJS.ErrnoException).code ?? "")) throw missing;
    throw error;
  }
}

/** How the address rule applies: lifted entirely, or for a few exact addresses. */
export interface AddressPolicy {
  lookup: Lookup;
  allowPrivate: boolean;
  /** Addresses exempt from the rule (one intranet server; a local server standing in for a site in tests). */
  allowAddresses: readonly string[];
  /** Cuts a look-up short (the fetch's deadline), so a resolver that never answers cannot hold a socket slot. */
  signal?: AbortSignal | undefined;
}

/**
 * The addresses `hostname` (a URL host: a name, an IPv4 literal or a bracketed IPv6 one) may be
 * reached at; throws a Refusal when it does not resolve or, unless `allowPrivate`, when any
 * answer is not public and not exempt (a mixed answer is a warning sign, not a choice to make).
 */
export async function allowedAddresses(hostname: string, policy: AddressPolicy): Promise<string[]> {
  const host = bare(hostname);
  const literal = isIP(host) !== 0;
  const addresses = literal ? [host] : await unlessAborted(resolve(host, policy.lookup), policy.signal);
  if (policy.allowPrivate) return addresses;
  for (const address of addresses) {
    const what = policy.allowAddresses.includes(address) ? undefined : notPublic(address);
    if (!what) continue;
    const subject = literal ? address : `${quoted(host)} resolves to ${quoted(address, 45)},`;
    throw new Refusal(
      "address",
      `${subject} ${literal ? "is " : ""}${what}, which the bot may not fetch from`,
    );
  }
  return addresses;
}

type Connector = buildConnector.connector;

/** Tries each checked address in turn, as a browser falls back from IPv6 to IPv4. */
function connectTo(
  addresses: readonly string[],
  options: buildConnector.Options,
  connect: Connector,
  callback: buildConnector.Callback,
): void {
  const [address, ...rest] = addresses;
  if (address === undefined) {
    callback(new Refusal("dns", "the host has no address"), null);
    return;
  }
  // Only `hostname` changes: undici takes the TLS server name from `host` (the URL's host:port),
  // so SNI and the certificate check stay on the name (fetch-tls.test.ts).
  connect({ ...options, hostname: address }, (...result) => {
    if (result[0] && rest.length > 0) connectTo(rest, options, connect, callback);
    else callback(...result);
  });
}

/**
 * undici's connector, reaching only addresses `policy` allows; `timeoutMs` bounds each connect,
 * `ca` replaces the trusted certificate authorities when given.
 */
export function guardedConnector(
  policy: AddressPolicy & { timeoutMs: number; ca?: string | readonly string[] | undefined },
): Connector {
  const connect = buildConnector({
    timeout: policy.timeoutMs,
    ...(policy.ca ? { ca: [policy.ca].flat() } : {}),
  });
  return (options, callback) => {
    allowedAddresses(options.hostname, policy).then(
      (addresses) => connectTo(addresses, options, connect, callback),
      (error: Error) => callback(error, null),
    );
  };
}
