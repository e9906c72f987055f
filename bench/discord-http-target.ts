/**
 * A Discord HTTP interactions server for the benchmark, in a process of its own so the load
 * generator does not share its event loop: `bot` is the real adapter (src/adapters/discord with
 * DISCORD_PUBLIC_KEY, discord.js never logged in) on the bot's HTTP server, identified against the
 * fake Discord at <API URL>; `bare` is a node:http server that reads the body, verifies the same
 * Ed25519 signature and answers a constant (`bare-pool`: verifying on libuv's thread pool, as the
 * bot does). All are loaded the same way (node --import tsx).
 * Prints {"port"} once listening; answers "gc" on stdin with the heap in use after a full GC; exits
 * when stdin closes.
 *
 *   node --import tsx bench/discord-http-target.ts bot <public key hex> <API URL> <token> <application id> <guild id>
 *   node --import tsx bench/discord-http-target.ts bare|bare-pool <public key hex> <answer>
 */
import { createPublicKey, verify } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import pino from "pino";
import { commands } from "../commands/index.js";
import { start } from "../src/adapters/discord/start.js";
import { loadArticle } from "../src/article/load.js";
import { createBot } from "../src/core/answer.js";
import { forArticle } from "../src/core/command.js";
import { startWeb } from "../src/runtime/web.js";
import { testHost } from "../test/support/host.js";

async function main(): Promise<void> {
  const [kind, publicKey = "", ...rest] = process.argv.slice(2);
  let stop: () => Promise<void>;
  let port: number;
  if (kind === "bot") {
    const [apiUrl = "", token = "", applicationId = "", guildId = ""] = rest;
    const web = await startWeb(0, "127.0.0.1", {});
    const host = { ...testHost(), web };
    const article = loadArticle();
    const log = pino({ level: "silent" });
    const bot = await start(
      createBot({ article, commands: forArticle(commands, article), log }),
      { token, applicationId, guildId, apiUrl, interactions: { publicKey, deferAfterMs: 2_500 } },
      host,
    );
    port = web.port;
    stop = async () => {
      await bot.stop();
      await web.close();
      await host.close();
    };
  } else {
    const server = bareServer(publicKey, rest[0] ?? "", kind === "bare-pool");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    stop = () => new Promise((resolve) => server.close(() => resolve()));
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "gc") {
      (globalThis as { gc?: () => void }).gc?.();
      process.stdout.write(`${JSON.stringify({ heapUsed: process.memoryUsage().heapUsed })}\n`);
    }
  }
  await stop();
  process.exit(0);
}

/**
 * The baseline: read the body, verify the signature, answer a constant. `pooled`: verify on
 * libuv's thread pool (node:crypto's verify with a callback), as the bot does.
 */
function bareServer(publicKeyHex: string, answer: string, pooled: boolean) {
  const x = Buffer.from(publicKeyHex, "hex").toString("base64url");
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const timestamp = String(req.headers["x-signature-timestamp"] ?? "");
      const signature = Buffer.from(String(req.headers["x-signature-ed25519"] ?? ""), "hex");
      const signed = Buffer.concat([Buffer.from(timestamp), ...chunks]);
      const reply = (ok: boolean) => {
        res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
        res.end(ok ? answer : "{}");
      };
      if (pooled) verify(null, signed, key, signature, (error, ok) => reply(!error && ok));
      else reply(verify(null, signed, key, signature));
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`discord-http-target: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
