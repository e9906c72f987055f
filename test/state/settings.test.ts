import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/runtime/config.js";
import { describeLocation, stateSettings } from "../../src/state/index.js";

const problem = (env: Record<string, string>): string => {
  try {
    stateSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
};

describe("stateSettings", () => {
  it("defaults to an SQLite file under state/ with no key", () => {
    expect(stateSettings({})).toEqual({
      engine: "sqlite",
      file: resolve("state", "bot.sqlite"),
      tokenKey: undefined,
    });
    expect(stateSettings({ STATE_DIR: "  ", DATABASE_URL: "" })).toMatchObject({ engine: "sqlite" });
  });

  it("uses Postgres when DATABASE_URL is set, and STATE_DIR is then unused", () => {
    const url = "postgres://bot:secret@db.internal:6543/articles";
    expect(stateSettings({ DATABASE_URL: url, STATE_DIR: "/x" })).toEqual({
      engine: "postgres",
      url,
      tokenKey: undefined,
    });
  });

  it("refuses a DATABASE_URL that is not a Postgres URL, naming the variable", () => {
    for (const bad of ["mysql://a@b/c", "db.internal:5432", "postgres://"])
      expect(problem({ DATABASE_URL: bad })).toMatch(
        /^Configuration error: DATABASE_URL must be a postgres:\/\//u,
      );
  });

  it("decodes a 32-byte base64 key", () => {
    const key = randomBytes(32);
    expect(stateSettings({ TOKEN_ENCRYPTION_KEY: `${key.toString("base64")}\n` }).tokenKey).toEqual(key);
  });

  it("refuses a key of the wrong length or not in base64, without echoing it", () => {
    const short = randomBytes(16).toString("base64");
    const message = problem({ TOKEN_ENCRYPTION_KEY: short });
    expect(message).toMatch(
      /TOKEN_ENCRYPTION_KEY decodes to 16 bytes, not 32: generate one with `openssl rand -base64 32`/u,
    );
    expect(message).not.toContain(short);
    const notBase64 = "this is not a key at all, just words!!!!!!!!";
    expect(problem({ TOKEN_ENCRYPTION_KEY: notBase64 })).toMatch(/TOKEN_ENCRYPTION_KEY is not base64/u);
    expect(problem({ TOKEN_ENCRYPTION_KEY: randomBytes(33).toString("base64") })).toMatch(
      /decodes to 33 bytes/u,
    );
  });
});

describe("describeLocation", () => {
  it("drops the password and query string of a Postgres URL", () => {
    const settings = stateSettings({
      DATABASE_URL: "postgresql://bot:p%40ss@db.internal/articles?sslpassword=hunter2",
    });
    expect(describeLocation(settings)).toBe("postgresql://bot@db.internal:5432/articles");
  });
});
