/**
 * fetchPage: one article page fetched as hostile territory. GET only, no cookies, a User-Agent
 * naming the bot; every hop (the link and each redirect, at most five) passes the URL rules and
 * the address rule (in the connector, on the address connected to); one overall deadline; the
 * body capped, decoded, sniffed and turned into text. Every failure is a FetchRefused.
 */
import { createHash } from "node:crypto";
import { Agent, request } from "undici";
import { readBody } from "./body.js";
import { decodeText } from "./charset.js";
import { allowedAddresses, guardedConnector, type Lookup, systemLookup } from "./connect.js";
import { declaredType, type PageKind } from "./content-type.js";
import { asRefusal, refusalIn } from "./failures.js";
import { FetchRefused, Refusal, shownUrl } from "./refused.js";
import { looksBinary, sniffKind } from "./sniff.js";
import { checkUrl } from "./url-rules.js";

export interface FetchedPage {
  /** The link as given (trimmed). */
  url: string;
  /** Where the page was fetched from, after redirects. */
  finalUrl: string;
  contentType: PageKind;
  /** The encoding the body was decoded with, as TextDecoder names it ("utf-8", "windows-1252"). */
  charset: string;
  body: string;
  /** Size of the body in bytes after Content-Encoding decoding, before charset decoding. */
  bytes: number;
  fetchedAt: Date;
  /** SHA-256 (hex) of those bytes: the same page served again has the same digest. */
  sha256: string;
}

export interface FetchOptions {
  /** Lift the address rule (ARTICLE_FETCH_ALLOW_PRIVATE); every other rule stays. */
  allowPrivate?: boolean;
  /** Exact IP addresses exempt from the address rule, when lifting it entirely is too much. */
  allowAddresses?: readonly string[];
  /** The whole fetch, redirects and body included; default 10 s. */
  timeoutMs?: number;
  /** Most bytes read, on the wire and after decompression; default 5 MiB. */
  maxBytes?: number;
  /** Most redirects followed; default 5. */
  maxRedirects?: number;
  /** Resolves host names; default the system resolver. */
  lookup?: Lookup;
  /** Cancels the fetch (shutdown). */
  signal?: AbortSignal;
  /** Certificate authorities to trust instead of Node's bundled ones (an intranet's own CA), PEM. */
  ca?: string | readonly string[];
}

export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export const USER_AGENT = "article-discussion-bot/0.1 (a chat bot fetching an article a moderator shared)";

const HEADERS = {
  "user-agent": USER_AGENT,
  accept: "text/html, application/xhtml+xml, text/plain;q=0.9",
  "accept-encoding": "gzip, deflate, br",
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

type Settings = Required<Omit<FetchOptions, "signal" | "ca">>;

/** One request; a refusal of a redirect target's address says that it was one. */
async function hopTo(url: URL, hop: number, settings: Settings, agent: Agent, signal: AbortSignal) {
  try {
    // An early, clear refusal before any socket opens; the check that holds against DNS
    // rebinding is the connector's, on the address it actually connects to.
    await allowedAddresses(url.hostname, { ...settings, signal });
    return await request(url, { dispatcher: agent, method: "GET", headers: HEADERS, signal });
  } catch (error) {
    const refusal = refusalIn(error);
    if (hop === 0 || (refusal?.reason !== "address" && refusal?.reason !== "dns")) throw error;
    throw new Refusal(refusal.reason, `it redirects to ${shownUrl(url.href)}, and ${refusal.detail}`);
  }
}

async function follow(start: URL, settings: Settings, agent: Agent, signal: AbortSignal) {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await hopTo(url, hop, settings, agent, signal);
    if (!REDIRECTS.has(response.statusCode)) return { url, response };
    await response.body.dump();
    const location = header(response.headers.location);
    if (!location) throw new Refusal("redirects", "it answers with a redirect that has no target");
    if (hop >= settings.maxRedirects)
      throw new Refusal("redirects", `it redirects more than ${settings.maxRedirects} times`);
    url = checkUrl(location, url);
  }
}

async function fetchWith(input: string, settings: Settings, agent: Agent, signal: AbortSignal) {
  const { url, response } = await follow(checkUrl(input.trim()), settings, agent, signal);
  if (response.statusCode < 200 || response.statusCode > 299) {
    await response.body.dump();
    throw new Refusal("status", `the site answered with HTTP status ${response.statusCode}`);
  }
  const declared = declaredType(header(response.headers["content-type"]));
  const raw = await readBody(
    response.body,
    {
      contentLength: header(response.headers["content-length"]),
      contentEncoding: header(response.headers["content-encoding"]),
    },
    settings.maxBytes,
    signal,
  );
  if (looksBinary(raw)) throw new Refusal("binary", "its content is binary data, not text");
  const kind = declared.kind ?? sniffKind(raw);
  const { text, charset } = decodeText(raw, kind, declared.charset);
  return {
    url: input.trim(),
    finalUrl: url.href,
    contentType: kind,
    charset,
    body: text,
    bytes: raw.length,
    fetchedAt: new Date(),
    sha256: createHash("sha256").update(raw).digest("hex"),
  };
}

/** The page at `url`, or a FetchRefused whose message is one sentence for the moderator. */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const settings: Settings = {
    allowPrivate: options.allowPrivate ?? false,
    allowAddresses: options.allowAddresses ?? [],
    timeoutMs: options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    lookup: options.lookup ?? systemLookup,
  };
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const agent = new Agent({
    connect: guardedConnector({ ...settings, ca: options.ca, signal }),
    maxRedirections: 0,
  });
  try {
    return await fetchWith(url, settings, agent, signal);
  } catch (error) {
    const refusal = asRefusal(error, { deadline, signal, timeoutMs: settings.timeoutMs });
    throw new FetchRefused(refusal.reason, url, refusal.detail);
  } finally {
    // Not awaited: a socket still connecting would hold the answer back until its own timeout.
    agent.destroy().catch(() => undefined);
  }
}
