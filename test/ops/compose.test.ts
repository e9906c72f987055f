/**
 * compose.yaml without a Docker engine: valid against the Compose Specification's own JSON schema,
 * two bot replicas waiting for a healthy Postgres 16 and Redis 7, URLs the bot's own settings
 * accept and that point at those services with their credentials, no secret written in the file,
 * and only variables the bot reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configure } from "../../src/adapters/registry.js";
import { redisSettings } from "../../src/runtime/redis-settings.js";
import { stateSettings } from "../../src/state/settings.js";
import {
  type ComposeFile,
  composeWith,
  ENGINE_PASSWORDS,
  rawCompose,
  schemaProblems,
  strings,
} from "./compose-file.js";

const compose: ComposeFile = composeWith(ENGINE_PASSWORDS);
const bot = compose.services.bot;
const botEnv = bot?.environment ?? {};

describe("compose.yaml", () => {
  it("is a valid Compose file, and the schema check would catch one that is not", () => {
    expect(schemaProblems(rawCompose())).toEqual([]);
    const broken = structuredClone(rawCompose()) as ComposeFile;
    if (broken.services.bot) broken.services.bot.depends_on = { postgres: { condition: "service_ready" } };
    expect(schemaProblems(broken)).toContainEqual(expect.objectContaining({ keyword: "enum" }));
  });

  it("runs two bot replicas that start once Postgres 16 and Redis 7 are healthy", () => {
    expect(bot?.deploy?.replicas).toBe(2);
    expect(bot?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
    const { postgres, redis } = compose.services;
    expect(postgres?.image).toMatch(/^postgres:16(-|$)/u);
    expect(redis?.image).toMatch(/^redis:7(-|$)/u);
    expect(postgres?.healthcheck?.test.join(" ")).toMatch(/pg_isready .*-U bot .*-d articles/u);
    // redis-cli exits 0 on an error reply (NOAUTH): the check must look for PONG.
    expect(redis?.healthcheck?.test.join(" ")).toMatch(/redis-cli ping \| grep -q PONG/u);
  });

  it("gives the bot URLs its own settings accept, pointing at those services with their credentials", () => {
    const postgres = compose.services.postgres?.environment ?? {};
    const db = new URL(botEnv.DATABASE_URL ?? "");
    expect([db.hostname, db.port, db.username, db.password, db.pathname]).toEqual([
      "postgres",
      "5432",
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    expect(stateSettings(botEnv)).toMatchObject({ engine: "postgres", url: botEnv.DATABASE_URL });

    const redisCommand = compose.services.redis?.command ?? [];
    const redis = new URL(botEnv.REDIS_URL ?? "");
    expect([redis.hostname, redis.port]).toEqual(["redis", "6379"]);
    expect(redis.password).toBe(redisCommand[redisCommand.indexOf("--requirepass") + 1]);
    expect(redis.password).toBe(compose.services.redis?.environment?.REDISCLI_AUTH);
    expect(redisSettings(botEnv)).toEqual({ url: botEnv.REDIS_URL });
  });

  it("writes no secret: each comes from .env, and a missing engine password stops Compose", () => {
    expect(bot?.env_file).toEqual([{ path: ".env", required: true }]);
    for (const [path, value] of strings(rawCompose())) {
      const key = path.at(-1) ?? "";
      if (/PASSWORD|SECRET|TOKEN|KEY|AUTH/u.test(key)) expect(value, path.join(".")).toMatch(/^\$\{\w+/u);
      // A URL's password, and a flag's, are interpolated too.
      if (/:\/\/[^/@]*:[^/@]+@/u.test(value))
        expect(value, path.join(".")).toMatch(/:\/\/[^/@]*:\$\{\w+[^}]*\}@/u);
    }
    const redisCommand = (rawCompose() as ComposeFile).services.redis?.command ?? [];
    expect(redisCommand[redisCommand.indexOf("--requirepass") + 1]).toMatch(/^\$\{REDIS_PASSWORD:\?/u);
    expect(() => composeWith({ REDIS_PASSWORD: ENGINE_PASSWORDS.REDIS_PASSWORD })).toThrow(
      /POSTGRES_PASSWORD: set POSTGRES_PASSWORD in \.env/u,
    );
  });

  it("passes the bot only variables it reads, and the bot's configuration accepts them", () => {
    const documented = new Set(
      [
        ...readFileSync(new URL("../../.env.example", import.meta.url), "utf8").matchAll(
          /^#?\s*([A-Z_]+)=/gmu,
        ),
      ].map((m) => m[1]),
    );
    // Read: a key of one of the zod schemas the settings are parsed with.
    const src = new URL("../../src/", import.meta.url);
    const schemas = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("settings.ts") || f.endsWith("config.ts"))
      .map((f) => readFileSync(new URL(f, src), "utf8"))
      .join("\n");
    expect(Object.keys(botEnv).length).toBeGreaterThan(0);
    for (const name of Object.keys(botEnv)) {
      expect(documented, name).toContain(name);
      expect(schemas, name).toMatch(new RegExp(`[\\s{]${name}: `, "u"));
    }
    // With a Slack app in HTTP mode from .env, the bot starts on exactly these settings.
    const config = configure({
      ...botEnv,
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: "s".repeat(32),
    });
    expect(config.state.engine).toBe("postgres");
    expect(config.redis?.url).toBe(botEnv.REDIS_URL);
    expect(config.host).toBe("0.0.0.0");
    expect(config.logFormat).toBe("json");
    expect(config.enabled.map((e) => [e.definition.name, e.settings])).toEqual([
      ["slack", expect.objectContaining({ mode: "http", port: Number(botEnv.PORT) })],
    ]);
  });
});
