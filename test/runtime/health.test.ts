import { afterEach, describe, expect, it } from "vitest";
import type { AdapterHealth, RunningAdapter } from "../../src/adapters/contract.js";
import { healthReport, startHealthServer } from "../../src/runtime/health.js";

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
  });

  it("serves GET /healthz: 200 when ready, 503 otherwise, 404 elsewhere", async () => {
    let state: AdapterHealth["state"] = "ready";
    const running = [{ name: "discord", stop: async () => {}, health: () => ({ state }) }];
    const server = await startHealthServer(0, "127.0.0.1", () => running);
    closers.push(server.close);
    const url = `http://127.0.0.1:${server.port}`;
    const ok = await fetch(`${url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, adapters: { discord: { state: "ready" } } });
    state = "stopping";
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    expect((await fetch(`${url}/`)).status).toBe(404);
  });

  it("listens on the address HOST names (default every interface)", async () => {
    const { parseShared } = await import("../../src/runtime/config.js");
    expect(parseShared({}).host).toBe("0.0.0.0");
    expect(() => parseShared({ HOST: "evil host; rm" })).toThrow(
      /^Configuration error: HOST must be an address/u,
    );
    const server = await startHealthServer(0, parseShared({ HOST: "127.0.0.1" }).host, () => []);
    closers.push(server.close);
    expect(server.address).toBe("127.0.0.1");
  });
});
