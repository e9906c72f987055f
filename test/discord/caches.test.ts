import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_LIMITS, type Clients, createClients } from "../../src/adapters/discord/client.js";
import type { FakeDiscord } from "../fakes/discord/index.js";
import { configFor, startRegisteredFake } from "../support/discord.js";

/**
 * discord.js caches every user and member it sees, one entry per member who ever ran a command;
 * the bot's client keeps them within limits (its own user and member always), however many people
 * come by. The real client with the bot's options, logged in to the fake.
 */
let fake: FakeDiscord;
let clients: Clients;
beforeAll(async () => {
  fake = await startRegisteredFake();
  clients = createClients(configFor(fake), pino({ level: "silent" }));
  const ready = once(clients.client, "clientReady");
  await clients.client.login(fake.token);
  await ready;
});
afterAll(async () => {
  await clients?.client.destroy();
  await clients?.agent.close();
  await fake?.close();
});

const PEOPLE = CACHE_LIMITS.users * 3;

describe("discord.js caches under many distinct members", () => {
  it(`${PEOPLE.toLocaleString("en-US")} members each running a command: users and members stay within the limits`, async () => {
    const { client } = clients;
    const last = `${9_000_000_000_000_000n + BigInt(PEOPLE)}`;
    for (let i = 1; i <= PEOPLE; i++)
      fake.interact({ command: "help", userId: `${9_000_000_000_000_000n + BigInt(i)}` });
    const deadline = Date.now() + 15_000;
    while (!client.users.cache.has(last) && Date.now() < deadline) await sleep(20);
    expect(client.users.cache.has(last)).toBe(true);

    const guild = client.guilds.cache.first();
    expect(client.users.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.users);
    expect(guild?.members.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.members);
    // The bot's own user and member stay: its permissions in other channels come from them.
    expect(client.users.cache.has(client.user?.id ?? "")).toBe(true);
    expect(guild?.members.me).toBeTruthy();
    expect(guild?.members.cache.has(client.user?.id ?? "")).toBe(true);
  }, 30_000);
});
