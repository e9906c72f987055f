/**
 * The database's tables as Kysely sees them: one definition for SQLite and Postgres. Times are
 * ISO 8601 UTC strings and booleans are 0/1 integers on both engines, so a row reads the same
 * whichever engine wrote it.
 */
import type { Generated } from "kysely";

export interface Tables {
  schema_migrations: { version: number; name: string; applied_at: string };
  state_meta: { name: string; value: string };
  installations: InstallationRow;
  audit_log: AuditRow;
  thread_posts: ThreadPostRow;
  articles: ArticleRow;
  channel_articles: ChannelArticleRow;
}

export interface InstallationRow {
  /** "E:<enterprise id>" for an org-wide install, else "T:<team id>". */
  id: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: number;
  /** Encrypted (TokenCipher); never plaintext. */
  bot_token: string;
  bot_id: string;
  bot_user_id: string;
  /** JSON array of scope names. */
  bot_scopes: string;
  /** Encrypted, when Slack token rotation is on. */
  bot_refresh_token: string | null;
  bot_token_expires_at: string | null;
  /** The Slack user who installed the app. */
  user_id: string;
  /** Encrypted, when user scopes were granted. */
  user_token: string | null;
  user_scopes: string | null;
  installed_at: string;
  updated_at: string;
}

export interface AuditRow {
  id: Generated<number>;
  platform: string;
  workspace: string;
  channel: string;
  thread: string | null;
  actor: string;
  action: string;
  article: string | null;
  outcome: string;
  detail: string | null;
  at: string;
}

export interface ThreadPostRow {
  platform: string;
  workspace: string;
  channel: string;
  article: string;
  thread_id: string;
  parts_posted: number;
  parts_total: number;
  updated_at: string;
}

/** An added article's stored snapshot (src/article/kinds.ts ArticleSnapshot); never updated. */
export interface ArticleRow {
  name: string;
  title: string;
  byline: string | null;
  site: string | null;
  published: string | null;
  url: string | null;
  /** What every quote and summary span points into, byte for byte. */
  text: string;
  sha256: string;
  fetched_at: string;
  /** All three null: the operator's (the CLI), listed everywhere. */
  added_platform: string | null;
  added_workspace: string | null;
  added_user: string | null;
  created_at: string;
}

/** A channel's current article (`/article use`), by name; the shipped one's name is allowed too. */
export interface ChannelArticleRow {
  platform: string;
  workspace: string;
  channel: string;
  name: string;
  updated_at: string;
}

export type Engine = "sqlite" | "postgres";
