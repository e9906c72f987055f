/**
 * fetchPage on pages it should take: plain text and HTML, every way a page names its charset,
 * bodies with no Content-Type, compressed bodies, redirect chains up to the limit, and what the
 * bot sends (GET, its User-Agent, never a cookie).
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fetchPage, USER_AGENT } from "../../src/article/fetch/index.js";
import { usePageServer } from "./fetch-server.js";

const site = usePageServer();
const local = { allowPrivate: true };

let pages = 0;

/** Serves `body` at `path` (a fresh one when omitted) with `headers`. */
function page(
  body: string | Buffer,
  headers: Record<string, string> = {},
  path = `/page-${++pages}`,
): string {
  site.route(path, (_req, res) => res.writeHead(200, headers).end(body));
  return site.url(path);
}

describe("fetchPage takes", () => {
  it("plain text, with its bytes, digest and where it came from", async () => {
    const text = "Line one of the article.\nLine two, with “quotes” — and a dash.\n";
    const url = page(text, { "content-type": "text/plain; charset=utf-8" });
    const before = Date.now();
    const got = await fetchPage(url, local);
    const bytes = Buffer.from(text, "utf8");
    expect(got).toMatchObject({ url, finalUrl: url, contentType: "text", charset: "utf-8", body: text });
    expect(got.bytes).toBe(bytes.length);
    expect(got.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(got.fetchedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ["text/html", "html"],
    ["application/xhtml+xml; charset=utf-8", "html"],
    ["TEXT/HTML ; charset=UTF-8", "html"],
  ])("HTML served as %s", async (type, kind) => {
    const html = "<!doctype html><title>T</title><p>Body</p>";
    const got = await fetchPage(page(html, { "content-type": type }), local);
    expect(got).toMatchObject({ contentType: kind, body: html, charset: "utf-8" });
  });

  const cafe = (head: string) =>
    Buffer.concat([
      Buffer.from(`<html><head>${head}</head><body><p>Caf`),
      Buffer.from([0xe9]),
      Buffer.from(" crème"),
    ]);

  it.each([
    ["the header's charset", { "content-type": "text/html; charset=windows-1252" }, "", "windows-1252"],
    ["a quoted header charset", { "content-type": 'text/html; charset="ISO-8859-1"' }, "", "windows-1252"],
    ["<meta charset>", { "content-type": "text/html" }, '<meta charset="windows-1252">', "windows-1252"],
    [
      '<meta http-equiv="Content-Type">',
      { "content-type": "text/html" },
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
      "windows-1252",
    ],
    [
      "the header over <meta>",
      { "content-type": "text/html; charset=latin1" },
      '<meta charset="koi8-r">',
      "windows-1252",
    ],
  ])("a page decoded by %s", async (_, headers, head, charset) => {
    const got = await fetchPage(page(cafe(head), headers), local);
    expect(got.charset).toBe(charset);
    expect(got.body).toContain("<p>Café cr");
  });

  it("UTF-8 by default, an unknown charset label falling back to it, and UTF-16 by its byte-order mark", async () => {
    const utf8 = await fetchPage(page("<p>Café</p>", { "content-type": "text/html" }), local);
    expect(utf8).toMatchObject({ charset: "utf-8", body: "<p>Café</p>" });
    const unknown = await fetchPage(
      page("naïve", { "content-type": "text/plain; charset=no-such-charset" }),
      local,
    );
    expect(unknown).toMatchObject({ charset: "utf-8", body: "naïve" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Grüße aus Köln", "utf16le")]);
    const got = await fetchPage(page(utf16, { "content-type": "text/plain" }), local);
    expect(got).toMatchObject({ charset: "utf-16le", body: "Grüße aus Köln" });
  });

  it("a body with no Content-Type, as HTML when it starts like a page and as text otherwise", async () => {
    const html = await fetchPage(page("\n  <!DOCTYPE html><p>x</p>"), local);
    const text = await fetchPage(page("Just words."), local);
    expect([html.contentType, text.contentType]).toEqual(["html", "text"]);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ])("a %s-compressed body, decoded", async (encoding, compress) => {
    const html = `<p>${"Compressed words. ".repeat(500)}</p>`;
    const url = page(compress(Buffer.from(html)), {
      "content-type": "text/html",
      "content-encoding": encoding,
    });
    const got = await fetchPage(url, local);
    expect(got.body).toBe(html);
    expect(got.bytes).toBe(Buffer.byteLength(html));
  });
});

describe("fetchPage follows redirects", () => {
  /** /chain-<name>-0 → -1 → … → -<hops>, which serves the page; the first sets a cookie. */
  function chain(name: string, hops: number): string {
    for (let i = 0; i < hops; i++)
      site.route(`/chain-${name}-${i}`, (_req, res) =>
        res
          .writeHead(i % 2 ? 301 : 302, {
            location: i === 2 ? site.url(`/chain-${name}-${i + 1}`) : `/chain-${name}-${i + 1}`,
            "set-cookie": "session=abc; Path=/",
          })
          .end(),
      );
    page("Arrived.", { "content-type": "text/plain" }, `/chain-${name}-${hops}`);
    return site.url(`/chain-${name}-0`);
  }

  it("up to five, relative or absolute, ending where the page is", async () => {
    const url = chain("five", 5);
    const got = await fetchPage(url, local);
    expect(got).toMatchObject({ url, finalUrl: site.url("/chain-five-5"), body: "Arrived." });
    expect(site.seen("/chain-five-5")).toHaveLength(1);
  });

  it("sending only GETs with the bot's User-Agent, and never a cookie back", async () => {
    await fetchPage(chain("manners", 2), local);
    const requests = [0, 1, 2].flatMap((i) => site.seen(`/chain-manners-${i}`));
    expect(requests.map((r) => [r.method, r.headers["user-agent"], r.headers.cookie])).toEqual([
      ["GET", USER_AGENT, undefined],
      ["GET", USER_AGENT, undefined],
      ["GET", USER_AGENT, undefined],
    ]);
  });
});
