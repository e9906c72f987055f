/**
 * fetchPage's refusals that are not about addresses: links and redirect targets it will not
 * follow, too many redirects, bodies too large (with and without Content-Length, and a gzip
 * bomb), slow servers, types other than HTML or text, binary bodies. Every refusal is checked
 * by refusalOf: one short sentence, no control characters.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FETCH_DEFAULTS, fetchPage } from "../../src/article/fetch/index.js";
import { refusalOf, usePageServer } from "./fetch-server.js";

const site = usePageServer();
const local = { allowPrivate: true };
const MAX = FETCH_DEFAULTS.maxBytes;

let paths = 0;
/** A fresh path served by `handler`, as a full URL. */
function serve(handler: Parameters<typeof site.route>[1]): string {
  const path = `/limits-${++paths}`;
  site.route(path, handler);
  return site.url(path);
}
const redirectTo = (location: string) => serve((_req, res) => res.writeHead(302, { location }).end());

describe("fetchPage refuses the link", () => {
  it.each([
    ["file:///etc/passwd", "scheme"],
    ["data:text/html,<p>hi</p>", "scheme"],
    ["ftp://example.com/story.txt", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["not a link", "url"],
    ["http://", "url"],
    ["http://example.com:25/story", "port"],
    ["https://example.com:6667/", "port"],
  ] as const)("%s (%s)", async (url, reason) => {
    await refusalOf(fetchPage(url), reason);
  });

  it("with credentials, without repeating them", async () => {
    const refused = await refusalOf(fetchPage("https://editor:hunter2@example.com/story"), "credentials");
    expect(refused.message).not.toContain("hunter2");
    expect(refused.message).toContain("https://example.com/story");
  });

  it("full of control characters or far too long, repeating a clipped, visible excerpt", async () => {
    const hostile = await refusalOf(fetchPage("\u001b]0;owned\u0007 http://x\u0000/"), "url");
    expect(hostile.message).toContain("␛]0;owned␇");
    const long = await refusalOf(fetchPage(`https://example.com/${"a".repeat(5000)}`), "url");
    expect(long.message).toContain("…");
  });
});

describe("fetchPage refuses a redirect", () => {
  it("past the fifth, counting every hop", async () => {
    let next = serve((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("too far"));
    for (let i = 0; i < 6; i++) next = redirectTo(next);
    const refused = await refusalOf(fetchPage(next, local), "redirects");
    expect(refused.message).toContain("more than 5 times");
  });

  it.each([
    ["file:///etc/passwd", "scheme"],
    ["gopher://example.com/", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["http://admin:secret@example.com/", "credentials"],
    ["http://example.com:22/", "port"],
    ["http://[::1", "url"],
  ] as const)("to %s (%s), naming the target", async (location, reason) => {
    const refused = await refusalOf(fetchPage(redirectTo(location), local), reason);
    expect(refused.message).toContain("it redirects to");
    expect(refused.message).not.toContain("secret");
  });

  it("with no Location", async () => {
    await refusalOf(
      fetchPage(
        serve((_req, res) => res.writeHead(301).end()),
        local,
      ),
      "redirects",
    );
  });
});

describe("fetchPage refuses a body", () => {
  it("whose Content-Length is over 5 MB, before reading it", async () => {
    const url = serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(MAX + 1) });
      res.write("<p>"); // and never the rest: the refusal must not wait for it
    });
    const refused = await refusalOf(fetchPage(url, local), "too-large");
    expect(refused.message).toContain("larger than 5 MB");
  });

  it("over 5 MB with no Content-Length, stopping at the cap", async () => {
    const url = serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", more);
      };
      more(); // endless: only the reader's cap ends it
    });
    await refusalOf(fetchPage(url, local), "too-large");
  });

  it("that decompresses past 5 MB (a gzip bomb of a few KB)", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, " "));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const url = serve((_req, res) =>
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(bomb),
    );
    const refused = await refusalOf(fetchPage(url, local), "too-large");
    expect(refused.message).toContain("once decompressed");
  });

  it("compressed in an unknown way or corrupt", async () => {
    const typed = { "content-type": "text/plain" };
    const unknown = serve((_req, res) =>
      res.writeHead(200, { ...typed, "content-encoding": "zstd" }).end("x"),
    );
    const corrupt = serve((_req, res) =>
      res.writeHead(200, { ...typed, "content-encoding": "gzip" }).end("not gzip at all"),
    );
    await refusalOf(fetchPage(unknown, local), "encoding");
    await refusalOf(fetchPage(corrupt, local), "encoding");
  });

  it.each(["application/pdf", "image/png", "application/json", "text/csv", "video/mp4; codecs=avc1"])(
    "served as %s, by its type",
    async (type) => {
      const url = serve((_req, res) => res.writeHead(200, { "content-type": type }).end("{}"));
      const refused = await refusalOf(fetchPage(url, local), "content-type");
      expect(refused.message).toContain(type.split(";")[0]);
    },
  );

  it.each([
    ["a PNG served as text/html", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "text/html"],
    ["a PDF served as text/plain", Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj", "latin1"), "text/plain"],
    ["a zip served with no type", Buffer.from("504b0304140000000800", "hex"), undefined],
  ])("that is binary: %s", async (_, bytes, type) => {
    const url = serve((_req, res) => res.writeHead(200, type ? { "content-type": type } : {}).end(bytes));
    await refusalOf(fetchPage(url, local), "binary");
  });

  it("behind an error status", async () => {
    const refused = await refusalOf(fetchPage(site.url("/nowhere"), local), "status");
    expect(refused.message).toContain("404");
  });
});

describe("fetchPage gives up", () => {
  it("on a server that never answers, or sends the page too slowly, at the deadline", async () => {
    const silent = serve(() => undefined);
    const trickle = serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("The first words and then nothing");
    });
    for (const url of [silent, trickle]) {
      const refused = await refusalOf(fetchPage(url, { ...local, timeoutMs: 150 }), "timeout");
      expect(refused.message).toContain("within 0.15 seconds");
    }
  });

  it("on a resolver that never answers, before connecting or inside the connection", async () => {
    const never = new Promise<never>(() => undefined);
    const hangs = async () => never;
    let asked = 0;
    const hangsSecond = async () => (asked++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : never);
    for (const lookup of [hangs, hangsSecond]) {
      const fetching = fetchPage(`http://slow-dns.test:${site.port()}/`, {
        lookup,
        allowAddresses: ["127.0.0.1"],
        timeoutMs: 150,
      });
      await refusalOf(fetching, "timeout");
    }
    expect(asked).toBe(2);
  });

  it("when the caller cancels", async () => {
    const cancel = new AbortController();
    const fetching = fetchPage(
      serve(() => cancel.abort()),
      { ...local, signal: cancel.signal },
    );
    await refusalOf(fetching, "cancelled");
  });
});
