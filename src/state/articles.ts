/**
 * Added articles in the durable store: the core's ArticleShelf (src/core/article-shelf.ts) over
 * the `articles` and `channel_articles` tables, the same on SQLite and Postgres. A stored
 * snapshot is never updated: its text is what every span points into. Names are unique by the
 * primary key: a replica that loses a name to another retries with the next free one. Adds of
 * the same text take a lock (oneAddOf), so one article added twice at once is stored once. A
 * database that cannot be reached rejects with RecordsUnavailable, as the audit log's records do.
 */
import { type Kysely, sql } from "kysely";
import type { ArticleScope, ArticleShelf } from "../core/article-shelf.js";
import { RecordsUnavailable } from "../core/records.js";
import { ArticleName, ChannelSchema, NAME_MAX, type Snapshot, SnapshotSchema } from "./article-schema.js";
import { DatabaseUnavailableError } from "./errors.js";
import { iso } from "./fields.js";
import type { Guard } from "./guard.js";
import type { ArticleRow, Engine, Tables } from "./tables.js";

export const LIST_DEFAULT = 25;
const LIST_MAX = 1000;
/** Names tried per round trip when the wanted one is taken. */
const BATCH = 50;
/** Inserts lost to a concurrent writer before giving up (each retry sees that writer's row). */
const ATTEMPTS = 10;
/** The first key of Postgres's two-key advisory locks that adds take ("arta"). */
const ADD_LOCK = 0x61727461;

const LISTING = [
  "name",
  "title",
  "site",
  "url",
  "fetched_at",
  "added_platform",
  "added_workspace",
  "added_user",
] as const;

/** `base` with `-n` appended, cut so that the whole stays within NAME_MAX (never ending in "-"). */
export function numbered(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, NAME_MAX - suffix.length).replace(/-+$/u, "")}${suffix}`;
}

const fromRow = (r: ArticleRow): Snapshot => ({
  name: r.name,
  title: r.title,
  byline: r.byline,
  site: r.site,
  published: r.published,
  url: r.url,
  text: r.text,
  sha256: r.sha256,
  fetchedAt: r.fetched_at,
  addedBy: addedBy(r),
});

const addedBy = (r: Pick<ArticleRow, "added_platform" | "added_workspace" | "added_user">) =>
  r.added_platform !== null && r.added_workspace !== null && r.added_user !== null
    ? { platform: r.added_platform, workspace: r.added_workspace, user: r.added_user }
    : null;

/**
 * Runs `work` as the only add of this text on the database: Postgres takes a transaction-scoped
 * advisory lock on the text's digest (adds of other texts go on; a name both want is settled by
 * the primary key), SQLite a BEGIN IMMEDIATE (its one write lock; other processes wait on
 * busy_timeout). So the same article added twice at once is stored once.
 */
function oneAddOf<T>(
  db: Kysely<Tables>,
  engine: Engine,
  sha256: string,
  work: (tx: Kysely<Tables>) => Promise<T>,
) {
  if (engine === "postgres")
    return db.transaction().execute(async (trx) => {
      const key = Number.parseInt(sha256.slice(0, 7), 16); // 28 bits: fits Postgres's int
      await sql`select pg_advisory_xact_lock(${ADD_LOCK}, ${key})`.execute(trx);
      return work(trx);
    });
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

export function articleShelf(db: Kysely<Tables>, engine: Engine, guard: Guard): ArticleShelf {
  const run = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await guard(what, work);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError)
        throw new RecordsUnavailable(error.message, { cause: error });
      throw error;
    }
  };

  /** What a scope sees: the operator's articles, and (for a workspace) its own; null: all. */
  const visibleTo = (scope: ArticleScope | null, tx = db) => {
    const all = tx.selectFrom("articles");
    if (scope === null) return all;
    return all.where((eb) =>
      eb.or([
        eb("added_platform", "is", null),
        eb.and([eb("added_platform", "=", scope.platform), eb("added_workspace", "=", scope.workspace)]),
      ]),
    );
  };

  // Strictly increasing within this process, so one replica's adds list in the order they were
  // made even within one millisecond (across replicas, the clock orders them).
  let last = 0;
  const createdAt = (): string => {
    last = Math.max(Date.now(), last + 1);
    return iso(new Date(last));
  };

  /** The same text from the same place that the snapshot's scope already sees, if any. */
  async function sameArticle(tx: Kysely<Tables>, s: Snapshot): Promise<Snapshot | undefined> {
    // The operator's own copy counts for the operator; a workspace's copy would not be listed
    // everywhere, so it is not returned for an operator's add.
    let query = (
      s.addedBy ? visibleTo(s.addedBy, tx) : tx.selectFrom("articles").where("added_platform", "is", null)
    )
      .selectAll()
      .where("sha256", "=", s.sha256);
    query = s.url === null ? query.where("url", "is", null) : query.where("url", "=", s.url);
    const row = await query.orderBy("created_at").orderBy("name").limit(1).executeTakeFirst();
    return row && fromRow(row);
  }

  /** The first of `base`, `base-2`, `base-3`, … that no stored article has (never SHIPPED_NAME). */
  async function freeName(tx: Kysely<Tables>, base: string): Promise<string> {
    // Imported here, not above: the shipped article's module costs a child process that only
    // opens the store (a test replica, the CLI's list) some 0.2 to 0.5 s to load; the bot has it loaded.
    const { SHIPPED_NAME } = await import("../article/kinds.js");
    for (let first = 1; ; first += BATCH) {
      const candidates = Array.from({ length: BATCH }, (_, i) =>
        first + i === 1 ? base : numbered(base, first + i),
      );
      const taken = new Set(
        (await tx.selectFrom("articles").select("name").where("name", "in", candidates).execute()).map(
          (r) => r.name,
        ),
      );
      const free = candidates.find((c) => c !== SHIPPED_NAME && !taken.has(c));
      if (free) return free;
    }
  }

  return {
    add: async (input) => {
      const s = SnapshotSchema.parse(input);
      return run("add article", () =>
        oneAddOf(db, engine, s.sha256, async (tx) => {
          for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
            const existing = await sameArticle(tx, s);
            if (existing) return { snapshot: existing, created: false };
            const name = await freeName(tx, s.name);
            const inserted = await tx
              .insertInto("articles")
              .values({
                name,
                title: s.title,
                byline: s.byline,
                site: s.site,
                published: s.published,
                url: s.url,
                text: s.text,
                sha256: s.sha256,
                fetched_at: s.fetchedAt,
                added_platform: s.addedBy?.platform ?? null,
                added_workspace: s.addedBy?.workspace ?? null,
                added_user: s.addedBy?.user ?? null,
                created_at: createdAt(),
              })
              .onConflict((oc) => oc.column("name").doNothing())
              .returning("name")
              .executeTakeFirst();
            if (inserted) return { snapshot: { ...s, name }, created: true };
            // Another writer took the name between the look and the insert: look again.
          }
          throw new Error(`Could not find a free name for the article after ${ATTEMPTS} attempts.`);
        }),
      );
    },

    get: (name) => {
      if (!ArticleName.safeParse(name).success) return Promise.resolve(undefined);
      return run("read article", async () => {
        const row = await db.selectFrom("articles").selectAll().where("name", "=", name).executeTakeFirst();
        return row && fromRow(row);
      });
    },

    list: (scope, limit = LIST_DEFAULT) =>
      run("list articles", async () => {
        const rows = await visibleTo(scope)
          .select(LISTING)
          .orderBy("created_at", "desc")
          .orderBy("name", "desc")
          .limit(Math.min(Math.max(1, Math.trunc(limit) || 1), LIST_MAX))
          .execute();
        return rows.map((r) => ({
          name: r.name,
          title: r.title,
          site: r.site,
          url: r.url,
          fetchedAt: r.fetched_at,
          addedBy: addedBy(r),
        }));
      }),

    setCurrent: async (at, name) => {
      const key = ChannelSchema.parse(at);
      const chosen = ArticleName.min(1).parse(name);
      await run("set channel article", async () => {
        const changes = { name: chosen, updated_at: iso(new Date()) };
        await db
          .insertInto("channel_articles")
          .values({ ...key, ...changes })
          .onConflict((oc) => oc.columns(["platform", "workspace", "channel"]).doUpdateSet(changes))
          .execute();
      });
    },

    current: async (at) => {
      const key = ChannelSchema.parse(at);
      return run("read channel article", async () => {
        const row = await db
          .selectFrom("channel_articles")
          .select("name")
          .where("platform", "=", key.platform)
          .where("workspace", "=", key.workspace)
          .where("channel", "=", key.channel)
          .executeTakeFirst();
        return row?.name;
      });
    },
  };
}
