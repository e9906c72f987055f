/**
 * What token rotation relies on, on both engines: installations.replaceBotToken (a conditional
 * write) and claimRefresh (a lease one replica holds at a time).
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Installation, openDatabase, stateSettings } from "../../src/state/index.js";
import { collectingLogger, newKey, setUpEngines } from "./engines.js";

const setup = await setUpEngines();
afterAll(() => setup.stop());

const expiry = new Date("2030-01-02T03:04:05.678Z");
const install: Installation = {
  enterpriseId: null,
  teamId: "T0ROTATE",
  isEnterpriseInstall: false,
  botToken: "xoxe.xoxb-old",
  botId: "B0001",
  botUserId: "U0BOT",
  botScopes: ["commands"],
  botRefreshToken: "xoxe-1-old",
  botTokenExpiresAt: expiry,
  userId: "U0INSTALLER",
  userToken: null,
  userScopes: null,
  installedAt: new Date("2025-06-01T12:00:00.000Z"),
};

describe.each(setup.engines)("replaceBotToken on $name", (engine) => {
  it("stores the first refresh and refuses a second one made from the same old expiry", async () => {
    const env = { ...(await engine.fresh()), TOKEN_ENCRYPTION_KEY: newKey() };
    const store = await openDatabase(stateSettings(env), collectingLogger().log);
    try {
      await store.installations.save(install);
      const first = {
        botToken: "xoxe.xoxb-new-1",
        botRefreshToken: "xoxe-1-new-1",
        botTokenExpiresAt: new Date("2030-01-03T00:00:00.000Z"),
      };
      const second = { ...first, botToken: "xoxe.xoxb-new-2", botRefreshToken: "xoxe-1-new-2" };
      const results = await Promise.all([
        store.installations.replaceBotToken(install, expiry, first),
        store.installations.replaceBotToken(install, expiry, second),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.installations.find(install);
      const won = results[0] ? first : second;
      expect(stored).toMatchObject({ ...won, installedAt: install.installedAt, botId: "B0001" });
      const [row] = await engine.sql(env, "select bot_token, bot_refresh_token from installations");
      expect(JSON.stringify(row)).not.toContain("xoxe.xoxb-new");
      expect(await store.installations.replaceBotToken({ ...install, teamId: "T0NONE" }, expiry, first)).toBe(
        false,
      );
    } finally {
      await store.close();
    }
  });

  it("gives the refresh lease to one caller at a time, and again once it has run out", async () => {
    const env = { ...(await engine.fresh()), TOKEN_ENCRYPTION_KEY: newKey() };
    const store = await openDatabase(stateSettings(env), collectingLogger().log);
    try {
      const soon = new Date(Date.now() + 60_000);
      const claims = await Promise.all([1, 2, 3].map(() => store.installations.claimRefresh(install, soon)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.installations.claimRefresh({ ...install, teamId: "T0OTHER" }, soon)).toBe(true);
      await engine.sql(
        env,
        "update state_meta set value = '2000-01-01T00:00:00.000Z' where name = 'bot_token_refresh:T:T0ROTATE'",
      );
      expect(await store.installations.claimRefresh(install, soon)).toBe(true);
      expect(await store.installations.claimRefresh(install, soon)).toBe(false);
    } finally {
      await store.close();
    }
  });
});
