/**
 * The article library on the real database (SQLite and a real Postgres), as two replicas see it:
 * a moderator adds a page served from 127.0.0.1 through /article add, the other replica finds it by
 * name and, once the channel cache has expired, as the channel's current article; each server or
 * workspace sees only its own additions and the operator's; a name nobody added, a page that is
 * not an article and a database that goes away each get one short sentence.
 */
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { ingest } from "../../src/article/added/ingest.js";
import { answer, type Bot, createBot } from "../../src/core/answer.js";
import type { Invocation } from "../../src/core/invocation.js";
import { Refused } from "../../src/core/refused.js";
import type { Reply } from "../../src/core/reply.js";
import { openDatabase, type StateStore, stateSettings } from "../../src/state/index.js";
import { storeRecords } from "../../src/state/records.js";
import { setUpEngines } from "../state/engines.js";
import { article } from "../support/article.js";
import { localIngest, useStorySite } from "../support/article-pages.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

const site = useStorySite();
site.route("/short", (_req, res) =>
  res.writeHead(200, { "content-type": "text/plain" }).end("Too short to be an article."),
);

const log = pino({ level: "silent" });

/** A replica: its own store on the shared database, its own bot and clock. */
async function replica(env: Record<string, string>) {
  const store = await openDatabase(stateSettings(env), log);
  let now = 0;
  const bot = createBot({
    article,
    commands,
    log,
    ...storeRecords(() => Promise.resolve(store), log),
    ingest: localIngest,
    channelArticles: { currentTtlMs: 5_000, now: () => now },
  });
  return { store, bot, advance: (ms: number) => (now += ms) };
}

function ask(bot: Bot, line: Partial<Invocation> & Pick<Invocation, "command">, workspace = "G1") {
  return answer(bot, {
    options: {},
    user: { id: "mod" },
    platform: "discord",
    where: { workspace, channel: "C1" },
    isModerator: () => true,
    ...line,
  });
}

const words = (r: unknown) => JSON.stringify(r);

describe.each(setup.engines)("the article library on $name", (engine) => {
  const opened: StateStore[] = [];
  afterAll(() => Promise.all(opened.map((s) => s.close().catch(() => undefined))));

  it("adds a page on one replica that the other finds by name and as the channel's article", async () => {
    const env = (await engine.fresh()) as Record<string, string>;
    const [a, b] = [await replica(env), await replica(env)];
    opened.push(a.store, b.store);
    // Nothing added yet: a restart loads none of the added-article code.
    expect(await a.bot.library.warm()).toBe(false);

    const added = (await ask(a.bot, {
      command: "article",
      subcommand: "add",
      options: { url: site.url("/story") },
    })) as Reply;
    expect(added.title).toMatch(/^Added: Student Dies After Diet Pills/u);
    const name = words(added).match(/short name is ([a-z0-9-]+)\./u)?.[1] ?? "";
    expect(name).toMatch(/^student-dies/u);

    // Now a restarted replica loads and runs the builder at start-up (on the shipped text, kept nowhere).
    expect(await b.bot.library.warm()).toBe(true);
    expect((await b.store.articles.list(null)).map((l) => l.name)).toEqual([name]);

    // The other replica builds it from the stored text alone.
    const found = await b.bot.library.resolve(name, { platform: "discord", workspace: "G1", channel: "C9" });
    expect(found).not.toBeInstanceOf(Refused);
    if (found instanceof Refused) return;
    expect(found.kind).toBe("added");
    expect(found.text).toBe((await a.store.articles.get(name))?.text);
    for (const q of found.quotes) expect(found.text.slice(q.start, q.end)).toMatch(/^[“"]/u);
    expect(found.kind === "added" && found.speakers).toEqual(expect.arrayContaining(["Fiona Parry"]));

    // Before /article use, the channel reads the shipped article on both.
    const here = { platform: "discord", workspace: "G1", channel: "C1" };
    expect((await b.bot.library.resolve(undefined, here)).name).toBe("sessions");
    const used = await ask(a.bot, { command: "article", subcommand: "use", options: { name } });
    expect(words(used)).toContain(`(${name})`);
    expect((await a.bot.library.resolve(undefined, here)).name).toBe(name);
    // B trusts what it read for five seconds (on its clock), then asks the database again.
    b.advance(4_999);
    expect((await b.bot.library.resolve(undefined, here)).name).toBe("sessions");
    b.advance(1);
    expect((await b.bot.library.resolve(undefined, here)).name).toBe(name);

    // /article list on either replica, the shipped one first; /article history has the add and use.
    const listed = await ask(b.bot, { command: "article", subcommand: "list" });
    expect(words(listed).indexOf("sessions:")).toBeLessThan(words(listed).indexOf(`${name}:`));
    const history = words(await ask(b.bot, { command: "article", subcommand: "history" }));
    expect(history).toContain("article add finished");
    expect(history).toContain("article use finished");
  });

  it("keeps each server's additions to itself; the operator's are everyone's", async () => {
    const env = (await engine.fresh()) as Record<string, string>;
    const { store, bot } = await replica(env);
    opened.push(store);
    await ask(bot, { command: "article", subcommand: "add", options: { url: site.url("/story") } });
    const [own] = await store.articles.list({ platform: "discord", workspace: "G1" });
    const elsewhere = { platform: "discord", workspace: "G2", channel: "C1" };
    const refused = await bot.library.resolve(own?.name, elsewhere);
    expect(refused).toBeInstanceOf(Refused);
    expect((refused as Refused).message).toBe(
      `There is no article named “${own?.name}” here. Moderators: /article list shows them.`,
    );
    expect(words(await ask(bot, { command: "article", subcommand: "list" }, "G2"))).not.toContain(
      own?.name ?? "?",
    );

    const operator = await ingest(site.url("/story"), { addedBy: null, fetch: { allowPrivate: true } });
    const stored = await store.articles.add({ ...operator, name: "operators-copy" });
    expect((await bot.library.resolve(stored.snapshot.name, elsewhere)).name).toBe("operators-copy");
  });

  it("answers a bad name, a page that is not an article and a database gone with one sentence", async () => {
    const env = (await engine.fresh()) as Record<string, string>;
    const { store, bot } = await replica(env);
    opened.push(store);
    const use = await ask(bot, { command: "article", subcommand: "use", options: { name: "nope" } });
    expect(words(use)).toContain("There is no article named “nope” here.");
    const short = (await ask(bot, {
      command: "article",
      subcommand: "add",
      options: { url: site.url("/short") },
    })) as Reply;
    expect(short.tone).toBe("error");
    expect(words(short)).toMatch(/fewer than the 150 needed/u);
    expect(
      words(await ask(bot, { command: "article", subcommand: "add", options: { url: "ftp://x" } })),
    ).toMatch(/Could not fetch/u);

    await store.close();
    const gone = (await ask(bot, { command: "article", subcommand: "list" })) as Reply;
    expect(gone.tone).toBe("error");
    expect(words(gone)).not.toMatch(/postgres:\/\/|password/iu);
    // Reading goes on: a channel with no cached choice reads the shipped article.
    expect(
      (await bot.library.resolve(undefined, { platform: "discord", workspace: "G1", channel: "C3" })).name,
    ).toBe("sessions");
  });
});
