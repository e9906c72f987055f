/**
 * The core's records (src/core/records.ts, src/core/thread/remembered.ts) kept in the durable
 * store: the audit log and the thread posts. The store is asked for on each call, so the console
 * opens the database only when a command needs it. A database that is down, or cannot be opened,
 * becomes RecordsUnavailable: one short sentence for the moderator, and one log line (the store's
 * guard logs an outage; a failed open is logged here).
 */
import type { ArticleShelf } from "../core/article-shelf.js";
import { type ModeratorRecords, RecordsUnavailable } from "../core/records.js";
import type { ThreadIndex } from "../core/thread/remembered.js";
import { ConfigError } from "../runtime/config.js";
import type { Logger } from "../runtime/log.js";
import { DatabaseUnavailableError } from "./errors.js";
import type { StateStore } from "./store.js";

export interface StoreRecords {
  records: ModeratorRecords;
  threads: ThreadIndex;
  /** Added articles and each channel's choice. */
  shelf: ArticleShelf;
}

export function storeRecords(get: () => Promise<StateStore>, log: Logger): StoreRecords {
  const use = async <T>(what: string, run: (store: StateStore) => Promise<T>): Promise<T> => {
    let store: StateStore;
    try {
      store = await get();
    } catch (error) {
      const reason = error instanceof ConfigError ? error.problems.join(" ") : String(error);
      log.warn({ what, cause: reason }, "database could not be opened");
      throw new RecordsUnavailable(`The database could not be opened: ${reason}`, { cause: error });
    }
    try {
      return await run(store);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError)
        throw new RecordsUnavailable(error.message, { cause: error });
      throw error;
    }
  };
  return {
    records: {
      record: (event) => use("append audit entry", (s) => s.audit.append(event).then(() => undefined)),
      history: (where, limit) =>
        use("read audit log", async (s) =>
          (await s.audit.recent(where, limit)).map((e) => ({
            ...e,
            thread: e.thread ?? undefined,
            article: e.article ?? undefined,
            detail: e.detail ?? undefined,
          })),
        ),
    },
    threads: {
      find: (key) =>
        use("find thread post", async (s) => {
          const found = await s.threadPosts.find(key);
          return (
            found && { thread: found.threadId, partsPosted: found.partsPosted, partsTotal: found.partsTotal }
          );
        }),
      record: (key, post) =>
        use("record thread post", (s) =>
          s.threadPosts.record({
            ...key,
            threadId: post.thread,
            partsPosted: post.partsPosted,
            partsTotal: post.partsTotal,
          }),
        ),
    },
    shelf: {
      add: (snapshot) => use("add article", (s) => s.articles.add(snapshot)),
      get: (name) => use("read article", (s) => s.articles.get(name)),
      list: (scope, limit) => use("list articles", (s) => s.articles.list(scope, limit)),
      setCurrent: (at, name) => use("set channel article", (s) => s.articles.setCurrent(at, name)),
      current: (at) => use("read channel article", (s) => s.articles.current(at)),
    },
  };
}
