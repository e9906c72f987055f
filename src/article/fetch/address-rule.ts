/**
 * Which addresses the bot may connect to for an article: public unicast only. Everything else
 * (loopback, private, link-local, unique-local, carrier-grade NAT, multicast, broadcast,
 * unspecified, reserved and documentation ranges, and IPv6 forms that embed an IPv4 address such
 * as ::ffff:10.0.0.1, NAT64 64:ff9b::/96, 6to4 and Teredo) could reach a machine inside the bot's
 * own network, so it is refused. ipaddr.js classifies; an address it cannot parse is refused.
 */
import ipaddr from "ipaddr.js";

const WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  unspecified: "an unspecified address",
  reserved: "a reserved address",
};

/**
 * Undefined when `address` (an IP literal, IPv6 without brackets) is public; otherwise what it is,
 * in words ("a loopback address"). IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function notPublic(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not a valid IP address";
  const range = ipaddr.process(address).range();
  if (range === "unicast") return undefined;
  return WORDS[range] ?? "not a public address";
}

/** `hostname` without the brackets a URL puts around an IPv6 literal. */
export const bare = (hostname: string): string =>
  hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
