/**
 * HTTPS through the guarded connector: it connects to the checked IP address, yet TLS still
 * speaks and verifies the URL's host name (SNI and the certificate check), so a certificate for
 * news.test is accepted only for news.test, and an untrusted one is refused in one sentence.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPage, type Lookup } from "../../src/article/fetch/index.js";
import { NEWS_TEST_CERT, NEWS_TEST_KEY, TEST_CA } from "./fetch-certs.js";
import { refusalOf } from "./fetch-server.js";

let server: Server;
const names: (string | false | null)[] = [];
beforeAll(async () => {
  server = createServer({ key: NEWS_TEST_KEY, cert: NEWS_TEST_CERT }, (req, res) => {
    names.push((req.socket as TLSSocket).servername);
    res.writeHead(200, { "content-type": "text/plain" }).end("Over HTTPS.");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lookup: Lookup = async () => [{ address: "127.0.0.1", family: 4 }];
const at = (host: string) => `https://${host}:${(server.address() as AddressInfo).port}/story`;
const trusted = { lookup, allowAddresses: ["127.0.0.1"], ca: TEST_CA };

describe("fetchPage over HTTPS", () => {
  it("verifies the host's certificate and sends its name, while connecting to the checked address", async () => {
    const got = await fetchPage(at("news.test"), trusted);
    expect(got).toMatchObject({ body: "Over HTTPS.", finalUrl: at("news.test") });
    expect(names.at(-1)).toBe("news.test");
  });

  it("refuses a certificate for another name, or one no trusted authority signed", async () => {
    for (const url of [at("other.test"), at("127.0.0.1")]) {
      const refused = await refusalOf(fetchPage(url, trusted), "network");
      expect(refused.message).toContain("certificate could not be trusted");
    }
    const untrusted = await refusalOf(fetchPage(at("news.test"), { ...trusted, ca: undefined }), "network");
    expect(untrusted.message).toContain("certificate could not be trusted");
  });
});
