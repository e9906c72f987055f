import { afterEach, describe, expect, it } from "vitest";
import type { AdapterHealth, RunningAdapter } from "../../src/adapters/contract.js";
import { healthReport, serveHealth } from "../../src/runtime/health.js";
import { startWeb } from "../../src/runtime/web.js";

const adapter = (name: string, state: AdapterHealth["state"]): RunningAdapter => ({
  name,
  stop: async () => {},
  health: () => ({ state }),
});

describe("health", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
  });

  it("is healthy only when every adapter is ready", () => {
    expect(healthReport([adapter("discord", "ready"), adapter("slack", "ready")]).ok).toBe(true);
    const report = healthReport([adapter("discord", "reconnecting"), adapter("slack", "ready")]);
    expect(report).toEqual({
      ok: false,
      adapters: { discord: { state: "reconnecting" }, slack: { state: "ready" } },
    });
    expect(healthReport([]).ok).toBe(false);
    expect(
      healthReport([adapter("slack", "ready")], { redis: { state: "down", detail: "reconnecting" } }),
    ).toEqual({
      ok: false,
      adapters: { slack: { state: "ready" } },
      redis: { state: "down", detail: "reconnecting" },
    });
  });

  it("serves GET /healthz: 200 when ready, 503 otherwise, 405 to other methods, 404 elsewhere", async () => {
    let state: AdapterHealth["state"] = "ready";
    const running = [{ name: "discord", stop: async () => {}, health: () => ({ state }) }];
    const server = await startWeb(0, "127.0.0.1", { "/healthz": serveHealth(() => running) });
    closers.push(server.close);
    const url = `http://127.0.0.1:${server.port}`;
    const ok = await fetch(`${url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, adapters: { discord: { state: "ready" } } });
    state = "stopping";
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${url}/`)).status).toBe(404);
  });

  it("reports a dependency that does not answer in time as down, and one that throws", async () => {
    const running = [adapter("slack", "ready")];
    const health = serveHealth(
      () => running,
      [
        { name: "database", check: () => new Promise(() => {}) },
        { name: "redis", check: () => Promise.reject(new Error("redis://:hunter2@x")) },
      ],
      50,
    );
    const server = await startWeb(0, "127.0.0.1", { "/healthz": health });
    closers.push(server.close);
    const answer = await fetch(`${server.url}/healthz`);
    expect(answer.status).toBe(503);
    const body = await answer.text();
    expect(JSON.parse(body)).toEqual({
      ok: false,
      adapters: { slack: { state: "ready" } },
      database: { state: "down", detail: "no answer within 50 ms" },
      redis: { state: "down", detail: "could not be checked" },
    });
    expect(body).not.toContain("hunter2");
  });

  it("listens on the address HOST names (default every interface)", async () => {
    const { parseShared } = await import("../../src/runtime/config.js");
    expect(parseShared({}).host).toBe("0.0.0.0");
    expect(() => parseShared({ HOST: "evil host; rm" })).toThrow(
      /^Configuration error: HOST must be an address/u,
    );
    const server = await startWeb(0, parseShared({ HOST: "127.0.0.1" }).host, {});
    closers.push(server.close);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });
});
