/** The servers main.ts starts (runtime/serve.ts): PORT, HEALTH_PORT beside it or the same, and a port in use. */
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/runtime/metrics.js";
import { type Servers, startServers } from "../../src/runtime/serve.js";
import { startWeb } from "../../src/runtime/web.js";
import { keptLog } from "../support/log-lines.js";

const adapters = () => [
  { name: "discord", stop: async () => {}, health: () => ({ state: "ready" as const }) },
];

describe("startServers", () => {
  const started: Servers[] = [];
  afterEach(() => Promise.all(started.splice(0).map((s) => s.close())));

  it("HEALTH_PORT alone: a bare server with /healthz and /metrics, no web for the adapters", async () => {
    const { log, logs } = keptLog<{ msg: string; port?: number; url?: string }>("info");
    const servers = await startServers(
      { port: undefined, healthPort: 0, host: "127.0.0.1" },
      { adapters, metrics: createMetrics(), log },
    );
    started.push(servers);
    expect(servers.web).toBeUndefined();
    const { port } = logs.find((l) => l.msg === "health endpoint at GET /healthz") as {
      port: number;
      msg: string;
    };
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain("articlebot_build_info");
  });

  it("PORT and a different HEALTH_PORT: two servers; the same port: one", async () => {
    const { log, logs } = keptLog<{ msg: string; port?: number; url?: string }>("info");
    const probe = await startWeb(0, "127.0.0.1", {});
    const free = probe.port;
    await probe.close();
    const two = await startServers({ port: 0, healthPort: free, host: "127.0.0.1" }, { adapters, log });
    started.push(two);
    expect((await fetch(`${two.web?.url}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${free}/healthz`)).status).toBe(200);
    await two.close();
    const one = await startServers({ port: free, healthPort: free, host: "127.0.0.1" }, { adapters, log });
    started.push(one);
    expect(one.web?.port).toBe(free);
    expect(logs.filter((l) => l.msg === "health endpoint at GET /healthz")).toHaveLength(1);
  });

  it("a port in use is one configuration line naming the variable, and nothing is left listening", async () => {
    const { log, logs } = keptLog<{ msg: string; port?: number; url?: string }>("info");
    const busy = await startWeb(0, "127.0.0.1", {});
    try {
      await expect(
        startServers({ port: 0, healthPort: busy.port, host: "127.0.0.1" }, { adapters, log }),
      ).rejects.toThrow(
        new RegExp(
          `^Configuration error: HEALTH_PORT ${busy.port} could not be used on 127\\.0\\.0\\.1 \\(EADDRINUSE\\): another process listens there\\. Set HEALTH_PORT to a free port`,
          "u",
        ),
      );
      const { url } = logs.find((l) => l.msg.startsWith("HTTP server on PORT")) as {
        url: string;
        msg: string;
      };
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      await busy.close();
    }
  });
});
