import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { AdapterState } from "../../src/adapters/contract.js";
import { shownText, useHarness } from "../support/discord.js";

/**
 * The gateway connection breaking the ways Discord breaks it: discord.js reconnects (resuming the
 * session where it can), the adapter reports itself as reconnecting meanwhile, the log says so in
 * a line or two without any error, and interactions after the reconnect are answered.
 */
const h = useHarness();

async function poll(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const until = (state: AdapterState, timeoutMs?: number) =>
  poll(() => h.bot.health?.().state === state, `the adapter to be ${state}`, timeoutMs);

const answersHelp = async () => {
  const r = await h.fake.interact({ command: "help" }).answered();
  expect(shownText(r)).toContain("/summary");
};

describe("when the Discord gateway drops or asks to reconnect", () => {
  it("is ready once connected", async () => {
    expect(h.bot.health?.()).toEqual({ state: "ready" });
    await answersHelp();
  });

  it('heartbeats acked as Discord acks them ({"op": 11}, no d) keep the connection, quietly', async () => {
    const logged = h.logs.length;
    const connections = h.fake.gateway.connections.length;
    const current = h.fake.gateway.connections.at(-1);
    const beats = current?.heartbeats ?? 0;
    // Asked to beat now, twice: a heartbeat whose ack was dropped would make the second a zombie.
    for (const n of [1, 2]) {
      h.fake.gateway.requestHeartbeat();
      await poll(() => (current?.heartbeats ?? 0) >= beats + n, "the bot to heartbeat");
    }
    await answersHelp();
    expect(h.fake.gateway.connections.length).toBe(connections);
    expect(h.logs.slice(logged).filter((l) => l.level >= 40)).toEqual([]);
  });

  it.each([
    ["the connection drops without a close frame (1006)", () => h.fake.gateway.close(1006)],
    ["Discord closes it with 4000 (unknown error)", () => h.fake.gateway.close(4000)],
    ["Discord asks the bot to reconnect (op 7)", () => h.fake.gateway.requestReconnect()],
  ])("%s: reconnecting meanwhile, resumed, then answers", async (_what, breakIt) => {
    const logged = h.logs.length;
    const release = h.fake.gateway.hold();
    breakIt();
    await until("reconnecting");
    expect(h.bot.health?.().detail).toMatch(/^gateway: /u);
    // Sent while the bot was away: Discord replays it on RESUME, and it is answered.
    const during = h.fake.interact({ command: "help" });
    release();
    await until("ready");
    expect((await during.answered()).response).toBeDefined();
    await answersHelp();
    const lines = h.logs.slice(logged);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.map((l) => l.msg)).toEqual([
      "connection to the Discord gateway lost; reconnecting",
      "gateway session resumed",
    ]);
  });

  it("Discord invalidates the session but lets it resume (op 9, true): answers", async () => {
    const logged = h.logs.length;
    h.fake.gateway.invalidateSession(true);
    await poll(() => h.logs.length > logged, "the bot to resume");
    await until("ready");
    await answersHelp();
    expect(h.logs.slice(logged).map((l) => l.msg)).toEqual(["gateway session resumed"]);
  });

  it("Discord invalidates the session for good (op 9, false): identifies again, then answers", async () => {
    const logged = h.logs.length;
    const identified = h.fake.gateway.connections.filter((c) => c.identify).length;
    h.fake.gateway.invalidateSession(false);
    await until("reconnecting");
    // discord.js waits up to 6.5 s before identifying again (Discord allows one IDENTIFY per 5 s).
    await until("ready", 20_000);
    expect(h.fake.gateway.connections.filter((c) => c.identify).length).toBe(identified + 1);
    await answersHelp();
    const lines = h.logs.slice(logged);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.at(-1)?.msg).toBe("gateway session restarted (events sent while disconnected were lost)");
  }, 30_000);
});
