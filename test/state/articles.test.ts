/**
 * The article shelf over the durable store, the same suite on SQLite and a real Postgres server:
 * text stored byte for byte, unique names (also when two replicas add at once), the same article
 * never stored twice in one scope, scoped listing, each channel's current article, and a database
 * that goes away rejecting with RecordsUnavailable.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AddedBy, ArticleSnapshot } from "../../src/article/kinds.js";
import { RecordsUnavailable } from "../../src/core/records.js";
import type { Env } from "../../src/runtime/config.js";
import { openDatabase, type StateStore, stateSettings } from "../../src/state/index.js";
import { cleanEnv, runProcess } from "../support/process.js";
import { collectingLogger, setUpEngines } from "./engines.js";

const CHILD = "test/state/articles-child.mjs";
const RACE_NAMES = ["race", "race-2", "race-3", "race-4", "race-5", "race-6"];

const setup = await setUpEngines();
afterAll(() => setup.stop());

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const moderator: AddedBy = { platform: "slack", workspace: "T1", user: "U1" };

let texts = 0;
/** A snapshot as ingest makes one; a fresh text each call unless `text` is given. */
function snapshot(over: Partial<ArticleSnapshot> = {}): ArticleSnapshot {
  const text = over.text ?? `Paragraph ${++texts} of a story.\n\nIt said “so” — twice.`;
  return {
    name: "city-budget",
    title: "City budget",
    byline: null,
    site: "example.org",
    published: null,
    url: "https://example.org/budget",
    fetchedAt: "2026-11-30T10:00:00.000Z",
    addedBy: moderator,
    ...over,
    text,
    sha256: over.sha256 ?? sha(text),
  };
}

/** About 300 KB: accents, CJK, emoji (astral), curly quotes and dashes, blank-line paragraphs. */
const LONG = Array.from(
  { length: 1500 },
  (_, i) =>
    `¶${i}: “Ça va,” she said — l’été à Zürich; 東京は晴れ 🌤️👩🏽‍💻, naïve café “quotes” ‘inside’… ${"x".repeat(i % 40)}`,
).join("\n\n");

describe.each(setup.engines)("articles on $name", (engine) => {
  const stores: StateStore[] = [];
  afterAll(() => Promise.all(stores.map((s) => s.close())));
  const open = async (env?: Env): Promise<{ env: Env; shelf: StateStore["articles"] }> => {
    const e = env ?? (await engine.fresh());
    const store = await openDatabase(stateSettings(e), collectingLogger().log);
    stores.push(store);
    return { env: e, shelf: store.articles };
  };

  it("stores a few hundred KB of text and gives it back byte for byte", async () => {
    const { env, shelf } = await open();
    expect(Buffer.byteLength(LONG)).toBeGreaterThan(200_000);
    const wanted = snapshot({
      text: LONG,
      byline: "Zoë Ångström",
      published: "2026-11-29T08:00:00.000Z",
    });
    expect(await shelf.add(wanted)).toEqual({ snapshot: wanted, created: true });
    const got = await shelf.get("city-budget");
    expect(got).toEqual(wanted);
    expect(Buffer.from(got?.text ?? "").equals(Buffer.from(LONG))).toBe(true);
    const [row] = await engine.sql(env, "select text, sha256, added_user from articles");
    expect(row).toEqual({ text: LONG, sha256: sha(LONG), added_user: "U1" });
    expect(await shelf.get("no-such-article")).toBeUndefined();
    expect(await shelf.get("Not A Name; drop table articles")).toBeUndefined();
  });

  it("gives each article a free name: name-2, name-3, …, never the shipped one's, within 40 characters", async () => {
    const { shelf } = await open();
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await shelf.add(snapshot())).snapshot.name);
    expect(names).toEqual(["city-budget", "city-budget-2", "city-budget-3"]);
    expect((await shelf.add(snapshot({ name: "sessions" }))).snapshot.name).toBe("sessions-2");
    const long = "a-very-long-headline-about-the-city-budg"; // 40 characters
    expect((await shelf.add(snapshot({ name: long }))).snapshot.name).toBe(long);
    expect((await shelf.add(snapshot({ name: long }))).snapshot.name).toBe(
      "a-very-long-headline-about-the-city-bu-2",
    );
  });

  it("returns the article already stored for the same text from the same link in the same scope", async () => {
    const { env, shelf } = await open();
    const first = snapshot({ text: "The same text." });
    expect((await shelf.add(first)).created).toBe(true);
    // Re-added later by another moderator of the same workspace: the stored one, unchanged.
    const again = await shelf.add({
      ...first,
      fetchedAt: "2026-12-01T00:00:00.000Z",
      addedBy: { ...moderator, user: "U2" },
    });
    expect(again).toEqual({ snapshot: first, created: false });
    // Another link, another workspace, the operator: each its own article.
    const elsewhere = await shelf.add({ ...first, url: "https://example.org/budget?page=all" });
    const otherTeam = await shelf.add({ ...first, addedBy: { ...moderator, workspace: "T2" } });
    const operator = await shelf.add({ ...first, addedBy: null });
    expect([elsewhere, otherTeam, operator].map((r) => [r.snapshot.name, r.created])).toEqual([
      ["city-budget-2", true],
      ["city-budget-3", true],
      ["city-budget-4", true],
    ]);
    // The operator's is listed everywhere, so a third workspace adding it gets the operator's.
    const third = await shelf.add({ ...first, addedBy: { ...moderator, workspace: "T3" } });
    expect(third).toEqual({ snapshot: { ...first, name: "city-budget-4", addedBy: null }, created: false });
    // A file the operator added (no link) is matched by its text alone, among the operator's.
    const file = snapshot({ text: "From a file.", url: null, addedBy: null });
    expect((await shelf.add(file)).created).toBe(true);
    expect(await shelf.add(file)).toEqual({ snapshot: { ...file, name: "city-budget-5" }, created: false });
    expect(await engine.sql(env, "select count(*) as n from articles")).toEqual([
      { n: engine.name === "postgres" ? "5" : 5 },
    ]);
  });

  it("lists what a scope may use, newest first: the operator's and its own (null: all)", async () => {
    const { shelf } = await open();
    const add = (name: string, addedBy: AddedBy | null) =>
      shelf.add(snapshot({ name, addedBy, title: name.toUpperCase() }));
    await add("zulu", null);
    await add("yankee", moderator);
    await add("xray", { ...moderator, workspace: "T2" });
    await add("whiskey", { ...moderator, platform: "discord" });
    await add("victor", moderator);
    const names = async (scope: Parameters<typeof shelf.list>[0], limit?: number) =>
      (await shelf.list(scope, limit)).map((l) => l.name);
    expect(await names(moderator)).toEqual(["victor", "yankee", "zulu"]);
    expect(await names({ platform: "slack", workspace: "T2" })).toEqual(["xray", "zulu"]);
    expect(await names({ platform: "discord", workspace: "T1" })).toEqual(["whiskey", "zulu"]);
    expect(await names(null)).toEqual(["victor", "whiskey", "xray", "yankee", "zulu"]);
    expect(await names(null, 2)).toEqual(["victor", "whiskey"]);
    const [top] = await shelf.list(moderator, 1);
    expect(top).toEqual({
      name: "victor",
      title: "VICTOR",
      site: "example.org",
      url: "https://example.org/budget",
      fetchedAt: "2026-11-30T10:00:00.000Z",
      addedBy: moderator,
    });
  });

  it("many adds at once in one replica: every name unique, the same article stored once", async () => {
    const { env, shelf } = await open();
    const different = await Promise.all(
      Array.from({ length: 6 }, () => shelf.add(snapshot({ name: "race" }))),
    );
    expect(different.map((r) => r.snapshot.name).sort()).toEqual(RACE_NAMES);
    const same = snapshot({ name: "twice", text: "Asked twice at once." });
    const results = await Promise.all([shelf.add(same), shelf.add(same), shelf.add(same)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, false, true]);
    expect(new Set(results.map((r) => r.snapshot.name))).toEqual(new Set(["twice"]));
    expect(await engine.sql(env, "select name from articles where name like 'twice%'")).toEqual([
      { name: "twice" },
    ]);
  });

  it("two replica processes adding at once: every name unique, the same article stored once", async () => {
    const env = { ...(await engine.fresh()), START_AT: String(Date.now() + 1000) };
    const same = snapshot({ name: "twice", text: "Retried to another replica." });
    const replica = (k: number) =>
      runProcess(
        process.execPath,
        [CHILD],
        JSON.stringify([0, 1, 2].map(() => snapshot({ name: "race" })).concat([same, same])),
        {
          env: cleanEnv(env as Record<string, string>),
        },
      ).then((run) => {
        expect({ replica: k, code: run.code, stderr: run.stderr }).toEqual({
          replica: k,
          code: 0,
          stderr: "",
        });
        return JSON.parse(run.stdout) as { name: string; created: boolean }[];
      });
    const answers = (await Promise.all([replica(1), replica(2)])).flat();
    const races = answers.filter((a) => a.name.startsWith("race"));
    expect(races.every((a) => a.created)).toBe(true);
    expect(races.map((a) => a.name).sort()).toEqual(RACE_NAMES);
    const twice = answers.filter((a) => !a.name.startsWith("race"));
    expect(twice.map((a) => a.name)).toEqual(["twice", "twice", "twice", "twice"]);
    expect(twice.filter((a) => a.created)).toHaveLength(1);
    expect(await engine.sql(env, "select name from articles where name like 'twice%'")).toEqual([
      { name: "twice" },
    ]);
  });

  it("keeps each channel's current article, per platform, workspace and channel", async () => {
    const { env, shelf } = await open();
    const channel = { platform: "discord", workspace: "G1", channel: "C1" };
    expect(await shelf.current(channel)).toBeUndefined();
    await shelf.setCurrent(channel, "city-budget");
    await shelf.setCurrent({ ...channel, channel: "C2" }, "sessions");
    expect(await shelf.current(channel)).toBe("city-budget");
    await shelf.setCurrent(channel, "sessions");
    expect(await shelf.current(channel)).toBe("sessions");
    expect(await shelf.current({ ...channel, workspace: "G2" })).toBeUndefined();
    expect(await shelf.current({ ...channel, platform: "slack" })).toBeUndefined();
    expect(await engine.sql(env, "select channel, name from channel_articles order by channel")).toEqual([
      { channel: "C1", name: "sessions" },
      { channel: "C2", name: "sessions" },
    ]);
  });

  it("refuses malformed snapshots and channel keys before they reach the database", async () => {
    const { env, shelf } = await open();
    await expect(shelf.add(snapshot({ name: "Has Spaces" }))).rejects.toThrow(/lowercase letters/u);
    await expect(shelf.add(snapshot({ sha256: "0".repeat(64) }))).rejects.toThrow(/not the SHA-256 of text/u);
    await expect(shelf.add(snapshot({ text: "Bell \u0007 here." }))).rejects.toThrow(/control characters/u);
    await expect(shelf.add(snapshot({ title: "Two\nlines" }))).rejects.toThrow(/control characters/u);
    await expect(shelf.add(snapshot({ fetchedAt: "yesterday" }))).rejects.toThrow();
    await expect(
      shelf.setCurrent({ platform: "slack", workspace: "T1", channel: "C1" }, "../etc"),
    ).rejects.toThrow();
    await expect(shelf.current({ platform: "slack", workspace: "T1\u001b", channel: "C1" })).rejects.toThrow(
      /control characters/u,
    );
    expect(await engine.sql(env, "select name from articles")).toEqual([]);
  });
});

describe.skipIf(!setup.postgres)("articles while Postgres is unreachable", () => {
  it("reject with RecordsUnavailable, and work again when the server is back", async () => {
    const server = setup.postgres;
    if (!server) return;
    const { log, lines } = collectingLogger();
    const store = await openDatabase(stateSettings({ DATABASE_URL: await server.freshDatabase() }), log);
    const channel = { platform: "slack", workspace: "T1", channel: "C1" };
    try {
      await store.articles.add(snapshot({ name: "kept" }));
      await server.stop();
      const failures = await Promise.all([
        store.articles.add(snapshot()).catch((e: unknown) => e),
        store.articles.get("kept").catch((e: unknown) => e),
        store.articles.list(null).catch((e: unknown) => e),
        store.articles.setCurrent(channel, "kept").catch((e: unknown) => e),
        store.articles.current(channel).catch((e: unknown) => e),
      ]);
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(RecordsUnavailable);
        expect((failure as Error).message).toMatch(
          /^The database is unavailable right now \(.+\); try again shortly\.$/u,
        );
      }
      expect(lines().filter((l) => l.msg === "database unavailable")).toHaveLength(5);
      await server.start();
      expect((await store.articles.get("kept"))?.name).toBe("kept");
    } finally {
      await store.close();
    }
  });
});

if (setup.skipped)
  describe.skip(`articles on postgres (SKIPPED: ${setup.skipped})`, () => {
    it("runs the same suite", () => undefined);
  });
