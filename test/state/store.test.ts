/** The repositories, the same suite on SQLite and on a real Postgres server. */
import { afterAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/runtime/config.js";
import { type Installation, openDatabase, type StateStore, stateSettings } from "../../src/state/index.js";
import { collectingLogger, newKey, setUpEngines } from "./engines.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

const install = (over: Partial<Installation> = {}): Installation => ({
  enterpriseId: null,
  teamId: "T0001",
  isEnterpriseInstall: false,
  botToken: "xoxb-plain-bot-token-0001",
  botId: "B0001",
  botUserId: "U0BOT",
  botScopes: ["commands", "chat:write"],
  botRefreshToken: "xoxe-1-plain-refresh-token",
  botTokenExpiresAt: new Date("2030-01-02T03:04:05.000Z"),
  userId: "U0INSTALLER",
  userToken: null,
  userScopes: null,
  installedAt: new Date("2025-06-01T12:00:00.000Z"),
  ...over,
});

describe.each(setup.engines)("state store on $name", (engine) => {
  const open = async (extra: Env = {}): Promise<{ env: Env; store: StateStore }> => {
    const env = { ...(await engine.fresh()), TOKEN_ENCRYPTION_KEY: newKey(), ...extra };
    return { env, store: await openDatabase(stateSettings(env), collectingLogger().log) };
  };

  it("stores an installation with every token encrypted, and reads it back", async () => {
    const { env, store } = await open();
    try {
      expect(store.engine).toBe(engine.name);
      await store.installations.save(install({ userToken: "xoxp-plain-user-token" }));
      const found = await store.installations.find({
        teamId: "T0001",
        enterpriseId: null,
        isEnterpriseInstall: false,
      });
      expect(found).toEqual(install({ userToken: "xoxp-plain-user-token" }));
      const [row] = await engine.sql(env, "select * from installations");
      const raw = JSON.stringify(row);
      for (const plain of [
        "xoxb-plain-bot-token-0001",
        "xoxe-1-plain-refresh-token",
        "xoxp-plain-user-token",
      ])
        expect(raw).not.toContain(plain);
      expect(String(row?.bot_token).startsWith("v1:")).toBe(true);
      expect(row?.bot_user_id).toBe("U0BOT");
    } finally {
      await store.close();
    }
  });

  it("replaces an installation on reinstall, keeps the first installedAt, and deletes it", async () => {
    const { store } = await open();
    const query = { teamId: "T0001", enterpriseId: null, isEnterpriseInstall: false };
    try {
      await store.installations.save(install());
      await store.installations.save(
        install({
          botToken: "xoxb-new",
          botScopes: ["commands"],
          installedAt: new Date("2026-01-01T00:00:00Z"),
        }),
      );
      const found = await store.installations.find(query);
      expect(found?.botToken).toBe("xoxb-new");
      expect(found?.botScopes).toEqual(["commands"]);
      expect(found?.installedAt).toEqual(new Date("2025-06-01T12:00:00.000Z"));
      expect(await store.installations.delete(query)).toBe(true);
      expect(await store.installations.delete(query)).toBe(false);
      expect(await store.installations.find(query)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("keys an org-wide install by its enterprise, apart from a team install", async () => {
    const { store } = await open();
    try {
      const org = install({
        enterpriseId: "E1",
        teamId: null,
        isEnterpriseInstall: true,
        botToken: "xoxb-org",
      });
      await store.installations.save(org);
      await store.installations.save(install({ enterpriseId: "E1", teamId: "T9", botToken: "xoxb-team" }));
      expect(
        (await store.installations.find({ enterpriseId: "E1", teamId: "T5", isEnterpriseInstall: true }))
          ?.botToken,
      ).toBe("xoxb-org");
      expect(
        (await store.installations.find({ enterpriseId: "E1", teamId: "T9", isEnterpriseInstall: false }))
          ?.botToken,
      ).toBe("xoxb-team");
    } finally {
      await store.close();
    }
  });

  it("refuses to store tokens without TOKEN_ENCRYPTION_KEY", async () => {
    const { store } = await open({ TOKEN_ENCRYPTION_KEY: "" });
    try {
      await expect(store.installations.save(install())).rejects.toThrow(
        /TOKEN_ENCRYPTION_KEY is missing: Slack installations keep their tokens encrypted/u,
      );
    } finally {
      await store.close();
    }
  });

  it("appends audit entries and returns the last ten of one workspace, newest first", async () => {
    const { store } = await open();
    try {
      const base = { platform: "slack", workspace: "T1", channel: "C1", actor: "U1", action: "article post" };
      for (let i = 1; i <= 12; i++)
        await store.audit.append({ ...base, article: `a${i}`, outcome: i === 12 ? "partial" : "finished" });
      await store.audit.append({ ...base, platform: "discord", outcome: "asked" });
      await store.audit.append({ ...base, workspace: "T2", outcome: "cancelled" });
      const last = await store.audit.recent({ platform: "slack", workspace: "T1" });
      expect(last.map((e) => e.article)).toEqual([
        "a12",
        "a11",
        "a10",
        "a9",
        "a8",
        "a7",
        "a6",
        "a5",
        "a4",
        "a3",
      ]);
      expect(last[0]).toMatchObject({ ...base, thread: null, outcome: "partial", detail: null });
      expect(last[0]?.at).toBeInstanceOf(Date);
      expect(
        (await store.audit.recent({ platform: "discord", workspace: "T1" }, 5)).map((e) => e.outcome),
      ).toEqual(["asked"]);
      const partial = await store.audit.append({
        ...base,
        thread: "1700000000.000100",
        outcome: "partial",
        detail: "parts 5–6 of 6 not posted",
      });
      expect((await store.audit.recent({ platform: "slack", workspace: "T1" }, 1))[0]).toEqual(partial);
    } finally {
      await store.close();
    }
  });

  it("rejects a malformed audit entry before it reaches the database", async () => {
    const { env, store } = await open();
    try {
      const base = { platform: "slack", workspace: "T1", channel: "C1", actor: "U1", action: "article post" };
      await expect(store.audit.append({ ...base, outcome: "exploded" as "asked" })).rejects.toThrow();
      await expect(store.audit.append({ ...base, actor: "U1\u0007", outcome: "asked" })).rejects.toThrow(
        /control characters/u,
      );
      await expect(
        store.audit.append({ ...base, detail: "x".repeat(1001), outcome: "asked" }),
      ).rejects.toThrow();
      expect(await engine.sql(env, "select id from audit_log")).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("upserts a thread post by platform, workspace, channel and article", async () => {
    const { env, store } = await open();
    const key = { platform: "discord", workspace: "G1", channel: "C1", article: "sessions-grants" };
    try {
      expect(await store.threadPosts.find(key)).toBeUndefined();
      await store.threadPosts.record({ ...key, threadId: "TH1", partsPosted: 2, partsTotal: 6 });
      await store.threadPosts.record({ ...key, threadId: "TH1", partsPosted: 6, partsTotal: 6 });
      await store.threadPosts.record({
        ...key,
        channel: "C2",
        threadId: "TH2",
        partsPosted: 1,
        partsTotal: 6,
      });
      expect(await store.threadPosts.find(key)).toMatchObject({
        ...key,
        threadId: "TH1",
        partsPosted: 6,
        partsTotal: 6,
      });
      expect((await store.threadPosts.find({ ...key, channel: "C2" }))?.threadId).toBe("TH2");
      expect(await engine.sql(env, "select thread_id from thread_posts order by thread_id")).toEqual([
        { thread_id: "TH1" },
        { thread_id: "TH2" },
      ]);
      await expect(
        store.threadPosts.record({ ...key, threadId: "TH1", partsPosted: 7, partsTotal: 6 }),
      ).rejects.toThrow(/partsPosted cannot exceed partsTotal/u);
      expect(await store.health()).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });
});

if (setup.skipped)
  describe.skip(`state store on postgres (SKIPPED: ${setup.skipped})`, () => {
    it("runs the same suite", () => undefined);
  });
