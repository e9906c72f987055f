/**
 * An AdapterHost for tests that start an adapter in-process: no other adapters, and a durable store
 * in an SQLite file of its own under the temp folder, opened only if the adapter asks for it.
 * `close()` closes that store and removes its folder.
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { AdapterHost, RunningAdapter } from "../../src/adapters/contract.js";
import { lazyStore } from "../../src/state/lazy.js";
import { SQLITE_FILE } from "../../src/state/settings.js";

export interface TestHost extends AdapterHost {
  close(): Promise<void>;
}

export function testHost(
  adapters: () => readonly RunningAdapter[] = () => [],
  options: { tokenKey?: Buffer } = {},
): TestHost {
  const dir = join(tmpdir(), `bot-state-${randomUUID()}`);
  const store = lazyStore(
    { engine: "sqlite", file: join(dir, SQLITE_FILE), tokenKey: options.tokenKey },
    pino({ level: "silent" }),
  );
  return {
    adapters,
    state: store.get,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
