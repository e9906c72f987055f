/**
 * Opens the durable store: connects, checks the server answers, migrates under a lock, checks the
 * token key, and hands back the repositories. Any failure here is one ConfigError line naming the
 * database (never its password) and what to fix.
 */
import type { Kysely } from "kysely";
import type { ArticleShelf } from "../core/article-shelf.js";
import type { Logger } from "../runtime/log.js";
import { articleShelf } from "./articles.js";
import { type AuditLog, auditLog } from "./audit-log.js";
import { connect, ping } from "./connect.js";
import { errorCode, openError } from "./errors.js";
import { guard } from "./guard.js";
import { type Installations, installations, verifyTokenKey } from "./installations.js";
import { migrate, type SchemaState } from "./migrate.js";
import { describeLocation, type StateSettings } from "./settings.js";
import type { Engine, Tables } from "./tables.js";
import { type ThreadPosts, threadPosts } from "./thread-posts.js";
import { TokenCipher } from "./token-cipher.js";

export interface StateStore {
  readonly engine: Engine;
  /** The file path, or the Postgres URL without its password. */
  readonly location: string;
  readonly schema: SchemaState;
  readonly installations: Installations;
  readonly audit: AuditLog;
  readonly threadPosts: ThreadPosts;
  /** Added articles and each channel's current one; rejects with RecordsUnavailable when down. */
  readonly articles: ArticleShelf;
  /** One round trip; never throws. */
  health(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Closes the file or the pool; the store cannot be used afterwards. */
  close(): Promise<void>;
}

export async function openStore(settings: StateSettings, log: Logger): Promise<StateStore> {
  const { engine } = settings;
  const location = describeLocation(settings);
  const started = performance.now();
  let db: Kysely<Tables> | undefined;
  try {
    db = await connect(settings, log);
    await ping(db);
    const schema = await migrate(db, engine, location);
    const cipher = settings.tokenKey ? new TokenCipher(settings.tokenKey) : undefined;
    if (cipher) await verifyTokenKey(db, cipher);
    log.info(
      { engine, location, schema, ms: Math.round(performance.now() - started) },
      schema.applied.length > 0 ? "database opened and migrated" : "database opened",
    );
    return store(db, engine, location, schema, cipher, log);
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    throw openError(error, engine, location);
  }
}

function store(
  db: Kysely<Tables>,
  engine: Engine,
  location: string,
  schema: SchemaState,
  cipher: TokenCipher | undefined,
  log: Logger,
): StateStore {
  const run = guard(log);
  return {
    engine,
    location,
    schema,
    installations: installations(db, cipher, run),
    audit: auditLog(db, run),
    threadPosts: threadPosts(db, run),
    articles: articleShelf(db, engine, run),
    async health() {
      try {
        await ping(db);
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: errorCode(error) ?? "unreachable" };
      }
    },
    close: () => db.destroy(),
  };
}
