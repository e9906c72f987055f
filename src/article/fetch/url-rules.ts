/**
 * The rules a URL must pass before anything connects to it, applied to the link a moderator gave
 * and again to every redirect target: http: or https: only (file:, data:, ftp:, javascript: and
 * the rest are refused), no user:password@ (a link that carries credentials is either a mistake
 * or an attempt to make the bot log in somewhere), and no port that browsers refuse.
 *
 * Ports: any port a browser would fetch from is allowed, so an article on :8080 works; the Fetch
 * standard's "bad ports" (SMTP, SSH, IRC, LDAP, …) are refused, because a GET aimed at a mail or
 * chat server is a cross-protocol attack, never an article. What keeps internal services safe is
 * the address rule (address-rule.ts), not the port.
 */
import { quoted, Refusal, shownUrl } from "./refused.js";

/** Longer links are refused before parsing: no article needs one, and they would be echoed. */
const MAX_URL_LENGTH = 2048;

// The Fetch standard's bad ports (https://fetch.spec.whatwg.org/#port-blocking), as undici's fetch uses them, plus 0.
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * `input` parsed (relative to `base` for a redirect's Location) and checked; throws a Refusal
 * whose phrase names the redirect target when there is a `base` ("it redirects to …, which …").
 */
export function checkUrl(input: string, base?: URL): URL {
  const shown = base ? `it redirects to ${shownUrl(input, base)}, which` : "the link";
  if (input.length > MAX_URL_LENGTH)
    throw new Refusal("url", `${shown} is longer than ${MAX_URL_LENGTH} characters`);
  if (!URL.canParse(input, base?.href))
    throw new Refusal(
      "url",
      base
        ? `${shown} is not a valid web address`
        : "the link is not a valid web address (use one like https://example.com/story)",
    );
  const url = new URL(input, base);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Refusal(
      "scheme",
      `${shown} uses ${quoted(url.protocol, 20)}, and only http:// and https:// links are fetched`,
    );
  if (url.username || url.password)
    throw new Refusal(
      "credentials",
      base
        ? `${shown} contains a user name or password`
        : "the link contains a user name or password; remove it and try again",
    );
  if (url.port && BAD_PORTS.has(Number(url.port)))
    throw new Refusal("port", `${shown} uses port ${url.port}, reserved for services other than web pages`);
  return url;
}
