import { Client, Events, GatewayIntentBits } from "discord.js";
import pino from "pino";
import { commands } from "../commands/index.js";
import { start } from "../src/adapters/discord/start.js";
import { loadArticle } from "../src/article/load.js";
import { createBot } from "../src/core/answer.js";
import { testHost } from "../test/support/host.js";
import { loadWithMix, startFake } from "./lib/discord-clients.js";

/**
 * Run by benchDiscordMemory as `node --expose-gc --import tsx bench/discord-heap.ts bot|bare`: the
 * Discord adapter (or, for the baseline, a bare discord.js client answering "ok") and the fake in
 * one process, and the heap in use after a full collection at 1,000, 10,000 and 20,000 commands,
 * the fake's own records of them dropped first. Unlike RSS, which follows V8 sizing its heap for
 * the load, this grows only with what is kept. Prints JSON. (Like bench/discord-bare-client.mjs,
 * it imports discord.js for the baseline.)
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const bare = process.argv[2] === "bare";
const fake = await startFake(false);
const { token, apiUrl, state } = fake;

let stop: () => Promise<void>;
if (bare) {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand())
      interaction.reply({ content: "ok", allowedMentions: { parse: [] } }).catch(() => {});
  });
  await client.login(token);
  await fake.connected();
  stop = () => client.destroy();
} else {
  const bot = await start(
    createBot({ article: loadArticle(), commands, log: pino({ level: "silent" }) }),
    { token, apiUrl, applicationId: state.applicationId, guildId: state.guildId },
    testHost(),
  );
  stop = () => bot.stop();
}

const heapMiB = () => {
  fake.requests.length = 0;
  fake.interactions.clear();
  fake.gateway.forgetSent();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const figures = await loadWithMix(fake, [1_000, 10_000, 20_000], heapMiB);
await stop();
await fake.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
