/**
 * The store opened once, on first use: main.ts hands `get` to the adapters (AdapterHost.state), so
 * console mode opens no database unless a command needs it, and every platform shares one
 * connection. A failed open is not remembered: the next call tries again.
 */
import type { Logger } from "../runtime/log.js";
import { openDatabase } from "./index.js";
import type { StateSettings } from "./settings.js";
import type { StateStore } from "./store.js";

export interface LazyStore {
  /** Opens the store on first call (connect, migrate); later calls share it. */
  get(): Promise<StateStore>;
  /** Whether an open has succeeded. */
  readonly opened: boolean;
  /** Closes the store if it was opened; safe to call more than once. */
  close(): Promise<void>;
}

export function lazyStore(settings: StateSettings, log: Logger): LazyStore {
  let opening: Promise<StateStore> | undefined;
  let store: StateStore | undefined;
  return {
    get() {
      opening ??= openDatabase(settings, log).then(
        (opened) => {
          store = opened;
          return opened;
        },
        (error: unknown) => {
          opening = undefined;
          throw error;
        },
      );
      return opening;
    },
    get opened() {
      return store !== undefined;
    },
    async close() {
      const open = store;
      store = undefined;
      opening = undefined;
      await open?.close();
    },
  };
}
