/**
 * The address rule: no private, loopback, link-local, unique-local, CGNAT, multicast or
 * unspecified address, in any spelling, whether written in the link, resolved from a name,
 * reached through a redirect, or swapped in by DNS rebinding after an earlier look-up answered a
 * public one. No test resolves a real name: each injects its lookup. The local server stands in
 * for a public site through `allowAddresses`, which exempts exactly 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { FETCH_DEFAULTS, fetchPage, fetchSettings, type Lookup } from "../../src/article/fetch/index.js";
import { ConfigError } from "../../src/runtime/config.js";
import { refusalOf, usePageServer } from "./fetch-server.js";

const site = usePageServer();
const PUBLIC = "93.184.216.34";

/** A resolver that knows only `names`, recording each question. */
function resolver(names: Record<string, string[]>): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    return (names[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { asked });
}

/** A page at a fresh path, and that path. */
let pages = 0;
function page(text = "An article."): string {
  const path = `/addr-${++pages}`;
  site.route(path, (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(text));
  return path;
}

/** The local server under the name `host`, exempted as a public site would pass. */
const standIn = (host: string, extra: Record<string, string[]> = {}) => ({
  lookup: resolver({ [host]: ["127.0.0.1"], ...extra }),
  allowAddresses: ["127.0.0.1"],
  timeoutMs: 2000, // a rule that failed to refuse would otherwise wait for an unreachable host
});

describe("fetchPage refuses an address that is not public", () => {
  it("the loopback server itself, unless private addresses are allowed, without connecting", async () => {
    const path = page();
    await refusalOf(fetchPage(site.url(path)), "address");
    expect(site.seen(path)).toHaveLength(0);
    await expect(fetchPage(site.url(path), { allowPrivate: true })).resolves.toMatchObject({
      body: "An article.",
    });
  });

  it.each([
    "127.0.0.1",
    "127.1",
    "0x7f.0.0.1",
    "2130706433",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "0.0.0.0",
    "[::]",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "[fe80::1]",
    "[fd12:3456::1]",
    "[::ffff:10.0.0.1]",
    "[64:ff9b::a00:1]",
    "[2002:a00:1::]",
  ])("written as %s", async (host) => {
    const path = page();
    const refused = await refusalOf(
      fetchPage(`http://${host}:${site.port()}${path}`, { timeoutMs: 2000 }),
      "address",
    );
    expect(refused.message).toMatch(/address, which the bot may not fetch from\.$/u);
    expect(site.seen(path)).toHaveLength(0);
  });

  it("behind a name, or among the answers for one", async () => {
    const lookup = resolver({
      "intranet.test": ["10.1.2.3"],
      "metadata.test": ["169.254.169.254"],
      "v6.test": ["::1"],
      "mixed.test": [PUBLIC, "127.0.0.1"],
    });
    for (const host of ["intranet.test", "metadata.test", "v6.test", "mixed.test"]) {
      const refused = await refusalOf(fetchPage(`http://${host}:${site.port()}/`, { lookup }), "address");
      expect(refused.message).toContain(`${host} resolves to`);
    }
    await refusalOf(fetchPage("https://nowhere.test/", { lookup }), "dns");
  });

  it("when DNS rebinds: public for the first look-up, 127.0.0.1 for the connection", async () => {
    const path = page();
    let answers = 0;
    const lookup: Lookup = async () => [{ address: answers++ === 0 ? PUBLIC : "127.0.0.1", family: 4 }];
    const refused = await refusalOf(
      fetchPage(`http://rebind.test:${site.port()}${path}`, { lookup }),
      "address",
    );
    expect(refused.message).toContain("rebind.test resolves to 127.0.0.1, a loopback address");
    expect(answers).toBe(2); // the early check passed; the one in the connection refused
    expect(site.seen(path)).toHaveLength(0);
  });
});

describe("fetchPage reaches an allowed host by name", () => {
  it("connecting to the checked address and asking for the name", async () => {
    const path = page("From the stand-in.");
    const options = standIn("news.test");
    const got = await fetchPage(`http://news.test:${site.port()}${path}`, options);
    expect(got.body).toBe("From the stand-in.");
    expect(site.seen(path).map((r) => r.headers.host)).toEqual([`news.test:${site.port()}`]);
    expect(options.lookup.asked).toEqual(["news.test", "news.test"]);
  });

  it.each(["http://10.0.0.1/", "http://127.0.0.2:PORT/", "http://[::1]:PORT/", "http://intranet.test:PORT/"])(
    "but not through its redirect to %s",
    async (target) => {
      const location = target.replace("PORT", String(site.port()));
      const url = `http://news.test:${site.port()}/to-${encodeURIComponent(target)}`;
      site.route(new URL(url).pathname, (_req, res) => res.writeHead(302, { location }).end());
      const options = standIn("news.test", { "intranet.test": ["192.168.0.10"] });
      const refused = await refusalOf(fetchPage(url, options), "address");
      expect(refused.message).toContain(`it redirects to ${location}, and`);
    },
  );
});

describe("ARTICLE_FETCH_ALLOW_PRIVATE", () => {
  it("is off unless set, true or false when set, and a ConfigError naming it otherwise", () => {
    expect(fetchSettings({})).toEqual({ allowPrivate: false });
    expect(fetchSettings({ ARTICLE_FETCH_ALLOW_PRIVATE: "" })).toEqual({ allowPrivate: false });
    expect(fetchSettings({ ARTICLE_FETCH_ALLOW_PRIVATE: "true" })).toEqual({ allowPrivate: true });
    expect(fetchSettings({ ARTICLE_FETCH_ALLOW_PRIVATE: "false" })).toEqual({ allowPrivate: false });
    expect(() => fetchSettings({ ARTICLE_FETCH_ALLOW_PRIVATE: "sometimes" })).toThrow(ConfigError);
    expect(() => fetchSettings({ ARTICLE_FETCH_ALLOW_PRIVATE: "sometimes" })).toThrow(
      /ARTICLE_FETCH_ALLOW_PRIVATE/u,
    );
  });

  it("lifts the address rule only: the other rules, and #15's limits (10 s, 5 MB, 5 redirects), stay", async () => {
    await refusalOf(fetchPage("file:///etc/passwd", { allowPrivate: true }), "scheme");
    await refusalOf(fetchPage("http://localhost:25/", { allowPrivate: true }), "port");
    expect(FETCH_DEFAULTS).toEqual({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 });
  });
});
