/**
 * Durable state: Slack installations, the audit log, thread posts and added articles (the core's
 * ArticleShelf, as `store.articles`), in an SQLite file under STATE_DIR by default or Postgres
 * when DATABASE_URL is set. Importing this opens nothing and loads no database driver;
 * openDatabase does both, so console mode pays only when a command needs it.
 */
import type { Logger } from "../runtime/log.js";
import type { StateSettings } from "./settings.js";
import type { StateStore } from "./store.js";

export type { AuditEntry, AuditEntryInput, AuditLog } from "./audit-log.js";
export { AUDIT_OUTCOMES, RECENT_DEFAULT } from "./audit-log.js";
export { DatabaseUnavailableError } from "./errors.js";
export type { Installation, InstallationQuery, Installations } from "./installations.js";
export type { SchemaState } from "./migrate.js";
export { describeLocation, SQLITE_FILE, type StateSettings, stateSettings } from "./settings.js";
export type { StateStore } from "./store.js";
export type { ThreadKey, ThreadPost, ThreadPosts } from "./thread-posts.js";

/**
 * Connects, migrates under a lock and returns the repositories. Throws ConfigError (one line) when
 * the database cannot be reached or opened, its schema is newer than this code, or
 * TOKEN_ENCRYPTION_KEY is not the key its tokens were stored with.
 */
export async function openDatabase(settings: StateSettings, log: Logger): Promise<StateStore> {
  const { openStore } = await import("./store.js");
  return openStore(settings, log);
}
