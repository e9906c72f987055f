/**
 * Fetching an article by URL (#15, "Adding an article"): `fetchPage(url, options)` returns the
 * page's text with where it came from and its SHA-256, or throws a FetchRefused whose `message`
 * is one sentence for the moderator and whose `reason` says which rule refused it.
 *
 * How #15 uses it: `/article add url:` and `npm run article -- add <url>` call
 * `fetchPage(url, { allowPrivate: fetchSettings(env).allowPrivate })`; on FetchRefused they show
 * `message` as it is; on success the extraction step reads `body` by `contentType` and stores
 * the snapshot (text, SHA-256, finalUrl, fetchedAt) that every quote span points into.
 *
 * The rules: url-rules.ts (schemes, credentials, ports), address-rule.ts + connect.ts (public
 * addresses only, checked on the address connected to), fetch-page.ts (redirects, deadline, GET,
 * no cookies), body.ts (byte caps, decompression), content-type.ts + sniff.ts (HTML or text only),
 * charset.ts (decoding).
 */

export type { Lookup, LookupAddress } from "./connect.js";
export { FETCH_DEFAULTS, type FetchedPage, type FetchOptions, fetchPage, USER_AGENT } from "./fetch-page.js";
export { FetchRefused, type RefusalReason } from "./refused.js";
export { type FetchSettings, fetchSettings } from "./settings.js";
