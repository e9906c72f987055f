/**
 * The one migration list both engines run, in order. Append a new entry for every change; never
 * edit or reorder a shipped one (a database records the versions it has applied).
 */
import type { Kysely } from "kysely";
import type { Engine, Tables } from "./tables.js";

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Tables>, engine: Engine): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "installations, audit log, thread posts",
    async up(db, engine) {
      await db.schema
        .createTable("state_meta")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("installations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("enterprise_id", "text")
        .addColumn("team_id", "text")
        .addColumn("is_enterprise_install", "integer", (c) => c.notNull())
        .addColumn("bot_token", "text", (c) => c.notNull())
        .addColumn("bot_id", "text", (c) => c.notNull())
        .addColumn("bot_user_id", "text", (c) => c.notNull())
        .addColumn("bot_scopes", "text", (c) => c.notNull())
        .addColumn("bot_refresh_token", "text")
        .addColumn("bot_token_expires_at", "text")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("user_token", "text")
        .addColumn("user_scopes", "text")
        .addColumn("installed_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("audit_log")
        .addColumn("id", "integer", (c) =>
          engine === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
        )
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("workspace", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("thread", "text")
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("article", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("audit_log_by_place")
        .on("audit_log")
        .columns(["platform", "workspace", "id"])
        .execute();
      await db.schema
        .createTable("thread_posts")
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("workspace", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("article", "text", (c) => c.notNull())
        .addColumn("thread_id", "text", (c) => c.notNull())
        .addColumn("parts_posted", "integer", (c) => c.notNull())
        .addColumn("parts_total", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("thread_posts_key", ["platform", "workspace", "channel", "article"])
        .execute();
    },
  },
  {
    version: 2,
    name: "articles, channel articles",
    async up(db) {
      await db.schema
        .createTable("articles")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("byline", "text")
        .addColumn("site", "text")
        .addColumn("published", "text")
        .addColumn("url", "text")
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .addColumn("added_platform", "text")
        .addColumn("added_workspace", "text")
        .addColumn("added_user", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // add() looks for the same text before storing it again; list() reads newest first.
      await db.schema.createIndex("articles_by_sha256").on("articles").column("sha256").execute();
      await db.schema
        .createIndex("articles_by_created")
        .on("articles")
        .columns(["created_at", "name"])
        .execute();
      await db.schema
        .createTable("channel_articles")
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("workspace", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("channel_articles_key", ["platform", "workspace", "channel"])
        .execute();
    },
  },
];
