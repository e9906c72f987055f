// The Discord benchmarks' baseline: a bare discord.js client doing the least a bot can do, a
// constant reply to every slash command ("ok", or the embeds in BARE_REPLY_EMBEDS, to tell the
// cost of a bigger answer from the cost of the bot's own code). Plain JavaScript, so it starts the
// way the compiled bot does (no TypeScript loader). The one file outside src/adapters/discord that
// imports discord.js, because measuring discord.js on its own is its whole job.
import { Client, EmbedBuilder, Events, GatewayIntentBits } from "discord.js";

const embeds = process.env.BARE_REPLY_EMBEDS ? JSON.parse(process.env.BARE_REPLY_EMBEDS) : undefined;
const reply = embeds
  ? () => ({ embeds: embeds.map((e) => new EmbedBuilder(e)), allowedMentions: { parse: [] } })
  : () => ({ content: "ok", allowedMentions: { parse: [] } });

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL },
});
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) interaction.reply(reply()).catch(() => {});
});
client.once(Events.ClientReady, () => process.stdout.write("ready\n"));
process.once("SIGTERM", () => client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
