/**
 * Discord HTTP interactions throughput: the bot's /discord/interactions endpoint (the real adapter,
 * discord.js never logged in, /quote grants from the answer cache) beside a bare node:http server
 * that verifies the same Ed25519 signature and answers a constant, loaded by the same autocannon
 * run. Both servers and the load generator share this process, so each costs the other the same.
 * Every request is a new interaction (its own id and token, signed afresh), as members' are.
 * Nothing here asserts anything.
 */
import { createPublicKey, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { commands } from "../commands/index.js";
import { start } from "../src/adapters/discord/start.js";
import { loadArticle } from "../src/article/load.js";
import { createBot } from "../src/core/answer.js";
import { forArticle } from "../src/core/command.js";
import { startWeb } from "../src/runtime/web.js";
import { deliverOverHttp } from "../test/fakes/discord/http-delivery.js";
import { configFor, startRegisteredFake } from "../test/support/discord.js";
import { testHost } from "../test/support/host.js";
import type { Row } from "./lib/report.js";
import { type Load, load } from "./lib/slack-load.js";
import { median } from "./startup.js";

const BARE_ANSWER = JSON.stringify({ type: 4, data: { content: "ok" } });

type Run = Load;
/** In process: the CPU figure would include the load generator's, so it is not reported. */
const here = (url: string) => ({ url, cpuMs: () => 0 });

export async function benchDiscordHttp(rounds = 4, amount = 5_000): Promise<Row[]> {
  const fake = await startRegisteredFake({ validate: false });
  const web = await startWeb(0, "127.0.0.1", {});
  const url = `${web.url}/discord/interactions`;
  const http = deliverOverHttp(fake, url);
  const host = { ...testHost(), web };
  const article = loadArticle();
  const bot = await start(
    createBot({ article, commands: forArticle(commands, article), log: pino({ level: "silent" }) }),
    { ...configFor(fake), interactions: { publicKey: http.publicKey, deferAfterMs: 2_500 } },
    host,
  );
  const bare = await bareServer(http.publicKey);
  const template = fake.payloadFor({ command: "quote", options: { topic: "grants" } });
  let n = 0;
  const fresh = () => {
    const body = JSON.stringify({ ...template, id: String(10n ** 18n + BigInt(++n)), token: `bench-${n}` });
    return {
      method: "POST" as const,
      body,
      headers: { "content-type": "application/json", ...http.sign(body) },
    };
  };
  // Each request autocannon sends is a new interaction, signed afresh.
  const request = () => ({ ...fresh(), setupRequest: <R extends object>(r: R) => ({ ...r, ...fresh() }) });
  try {
    const checked = await fetch(url, fresh());
    const shown = (await checked.json()) as { type?: number; data?: { embeds?: unknown[] } };
    if (checked.status !== 200 || shown.type !== 4 || !shown.data?.embeds?.length)
      throw new Error(`the bot answered /quote grants wrongly: ${JSON.stringify(shown).slice(0, 300)}`);
    const targets = [
      { url, runs: [] as Run[], ok: (body: string) => body.startsWith('{"type":4,') },
      { url: bare.url, runs: [] as Run[], ok: (body: string) => body === BARE_ANSWER },
    ];
    for (const t of targets) await load(here(t.url), request(), t.ok, 2_000);
    for (let i = 0; i < rounds; i++)
      for (const t of targets) t.runs.push(await load(here(t.url), request(), t.ok, amount));
    const [ours, base] = targets as [(typeof targets)[0], (typeof targets)[0]];
    const stat = (runs: Run[], key: keyof Run) => median(runs.map((r) => r[key]));
    process.stderr.write(
      `bench: discord http req/s by round: bot ${ours.runs.map((r) => r.rps.toFixed(0)).join(", ")}; bare ${base.runs.map((r) => r.rps.toFixed(0)).join(", ")}\n`,
    );
    const BASE = "bare node:http verifying Ed25519, constant answer";
    const row = (name: string, key: keyof Run, unit: string): Row => {
      const value = stat(ours.runs, key);
      const baseline = stat(base.runs, key);
      return {
        suite: "discord http",
        name,
        value,
        unit,
        baseline: { name: BASE, value: baseline },
        ratio: value / baseline,
      };
    };
    const throughput = row(
      `/quote grants, ${rounds} × ${amount} at concurrency 50: throughput (median)`,
      "rps",
      "req/s",
    );
    const errors = ours.runs.reduce((sum, r) => sum + r.errors, 0);
    return [
      { ...throughput, target: "≥ 0.9× bare node:http", met: (throughput.ratio ?? 0) >= 0.9 },
      row("latency p50", "p50", "ms"),
      row("latency p99", "p99", "ms"),
      {
        suite: "discord http",
        name: `errors and wrong answers in ${rounds * amount} requests`,
        value: errors,
        unit: "",
        target: "0",
        met: errors === 0,
      },
    ];
  } finally {
    await bot.stop();
    await web.close();
    await new Promise((resolve) => bare.server.close(resolve));
    await fake.close();
    await host.close();
  }
}

/** The baseline: read the body, verify the signature, answer a constant. */
async function bareServer(publicKeyHex: string): Promise<{ server: Server; url: string }> {
  const x = Buffer.from(publicKeyHex, "hex").toString("base64url");
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const timestamp = String(req.headers["x-signature-timestamp"] ?? "");
      const signature = Buffer.from(String(req.headers["x-signature-ed25519"] ?? ""), "hex");
      const ok = verify(null, Buffer.concat([Buffer.from(timestamp), ...chunks]), key, signature);
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(ok ? BARE_ANSWER : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions` };
}
