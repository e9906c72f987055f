/**
 * Why a page was not fetched, in one sentence a moderator can act on. The URL and anything the
 * remote server chose (a redirect target, a content type) go through echo(): clipped, and control
 * characters made visible, so a hostile server cannot push raw escapes or a wall of text into chat.
 */
import { echo } from "../../core/echo.js";

export type RefusalReason =
  | "url" // not a URL, or too long
  | "scheme" // not http: or https:
  | "credentials" // user:password@ in the URL
  | "port" // a port browsers refuse (SMTP, SSH, …)
  | "address" // a private, loopback, link-local, … address
  | "dns" // the host name does not resolve
  | "network" // connection refused, reset, TLS failure
  | "redirects" // more than the allowed number of redirects, or a redirect without a target
  | "status" // not a 2xx answer
  | "content-type" // not HTML or plain text
  | "binary" // a body that is obviously not text
  | "too-large" // over the byte cap, before or after decompression
  | "encoding" // an unknown Content-Encoding, or a corrupt compressed body
  | "timeout" // the overall deadline passed
  | "cancelled"; // the caller's signal aborted

/**
 * A refusal found deep inside a fetch (the connector, the body reader), before the URL the
 * moderator gave is known there: `detail` is a phrase, `fetchPage` turns it into a FetchRefused.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = "Refusal";
  }
}

/** "Could not fetch <url>: <detail>." — one line, one sentence, the URL clipped. */
export class FetchRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly url: string,
    detail: string,
  ) {
    super(`Could not fetch ${shownUrl(url.trim())}: ${detail}.`);
    this.name = "FetchRefused";
  }
}

/** Something a server sent (a redirect target, a content type), safe to repeat in a refusal. */
export const quoted = (text: string, max = 60): string => echo(text, max);

/** A URL safe to repeat in a chat: clipped, and without a user name or password it may carry. */
export function shownUrl(text: string, base?: URL): string {
  if (!URL.canParse(text, base?.href)) return quoted(text);
  const url = new URL(text, base?.href);
  if (!url.username && !url.password) return quoted(text);
  url.username = "";
  url.password = "";
  return quoted(url.href);
}
