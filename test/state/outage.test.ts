/**
 * Postgres going away while the bot runs: calls fail with DatabaseUnavailableError and one log
 * line each, health says so, and the same store works again once the server is back. The server
 * here is this file's own, since the test stops it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseUnavailableError, openDatabase, stateSettings } from "../../src/state/index.js";
import { collectingLogger, setUpEngines } from "./engines.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

const entry = {
  platform: "slack",
  workspace: "T1",
  channel: "C1",
  actor: "U1",
  action: "article post",
} as const;

describe.skipIf(!setup.postgres)("Postgres unreachable while running", () => {
  it("fails moderator writes clearly, logs them, and recovers when the server returns", async () => {
    const server = setup.postgres;
    if (!server) return;
    const { log, lines } = collectingLogger();
    const store = await openDatabase(stateSettings({ DATABASE_URL: await server.freshDatabase() }), log);
    try {
      await store.audit.append({ ...entry, outcome: "asked" });
      await server.stop();
      const failed = await store.audit.append({ ...entry, outcome: "confirmed" }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(DatabaseUnavailableError);
      expect((failed as Error).message).toMatch(
        /^The database is unavailable right now \(.+\); try again shortly\.$/u,
      );
      await expect(
        store.threadPosts.find({ platform: "slack", workspace: "T1", channel: "C1", article: "a" }),
      ).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(await store.health()).toMatchObject({ ok: false });
      expect(
        lines()
          .filter((l) => l.msg === "database unavailable")
          .map((l) => l.what),
      ).toEqual(["append audit entry", "find thread post"]);
      await server.start();
      await store.audit.append({ ...entry, outcome: "finished" });
      expect(await store.health()).toEqual({ ok: true });
      expect(
        (await store.audit.recent({ platform: "slack", workspace: "T1" })).map((e) => e.outcome),
      ).toEqual(["finished", "asked"]);
    } finally {
      await store.close();
    }
  });
});

if (setup.skipped)
  describe.skip(`Postgres unreachable while running (SKIPPED: ${setup.skipped})`, () => {
    it("recovers", () => undefined);
  });
