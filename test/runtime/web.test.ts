/** The bot's one HTTP server (runtime/web.ts): its own routes, adapters' routes and fallback, 404, close. */
import { afterAll, describe, expect, it } from "vitest";
import { startWeb, type WebServer } from "../../src/runtime/web.js";

const says =
  (text: string) =>
  (req: { method?: string; url?: string }, res: { end(body: string): void }): void =>
    res.end(`${text} ${req.method} ${req.url}`);

describe("startWeb", () => {
  const servers: WebServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it("serves its own routes and those added later, whatever the query; the fallback gets the rest", async () => {
    const web = await startWeb(0, "127.0.0.1", { "/healthz": says("health") });
    servers.push(web);
    expect(web.url).toBe(`http://127.0.0.1:${web.port}`);
    expect(web.port).toBeGreaterThan(0);
    const get = async (path: string, init?: RequestInit) => {
      const r = await fetch(`${web.url}${path}`, init);
      return `${r.status} ${await r.text()}`;
    };
    expect(await get("/healthz?probe=1")).toBe("200 health GET /healthz?probe=1");
    expect(await get("/nowhere")).toBe("404 Not found. Try GET /healthz\n");

    web.route("/discord/interactions", says("discord"));
    expect(await get("/discord/interactions", { method: "POST", body: "{}" })).toBe(
      "200 discord POST /discord/interactions",
    );
    // Exact paths only: a route does not serve what lies under it.
    expect(await get("/discord/interactions/x")).toMatch(/^404 /u);

    web.fallback(says("slack"));
    expect(await get("/slack/events", { method: "POST", body: "x" })).toBe("200 slack POST /slack/events");
    expect(await get("/nowhere")).toBe("200 slack GET /nowhere");
    expect(await get("/healthz")).toBe("200 health GET /healthz");
  });

  it("names a wildcard address localhost in its URL", async () => {
    const any = await startWeb(0, "0.0.0.0", {});
    servers.push(any);
    expect(any.url).toBe(`http://localhost:${any.port}`);
  });

  it("rejects a port in use; after close() nothing answers", async () => {
    const web = await startWeb(0, "127.0.0.1", { "/healthz": says("health") });
    await expect(startWeb(web.port, "127.0.0.1", {})).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect(await (await fetch(`${web.url}/healthz`)).text()).toBe("health GET /healthz");
    await web.close();
    await expect(fetch(`${web.url}/healthz`)).rejects.toThrow();
  });
});
