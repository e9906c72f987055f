import { describe, expect, it } from "vitest";
import { configure } from "../../src/adapters/registry.js";
import { ConfigError } from "../../src/runtime/config.js";
import { describeRedis } from "../../src/runtime/redis-settings.js";

describe("REDIS_URL", () => {
  it("is optional: unset or blank keeps shared state in the process", () => {
    expect(configure({}).redis).toBeUndefined();
    expect(configure({ REDIS_URL: "  " }).redis).toBeUndefined();
  });

  it("reads a redis:// URL, scrubs its password from the log, and describes it without the password", () => {
    const config = configure({ REDIS_URL: "redis://:s3cr%40t-pass@redis.internal:6380/2" });
    expect(config.redis).toEqual({ url: "redis://:s3cr%40t-pass@redis.internal:6380/2" });
    expect(config.secrets).toEqual(expect.arrayContaining(["s3cr%40t-pass", "s3cr@t-pass"]));
    const where = describeRedis(config.redis ?? { url: "" });
    expect(where).toBe("redis://redis.internal:6380/2");
    expect(where).not.toContain("s3cr");
  });

  it("scrubs a password with a malformed %-escape as written instead of failing to start", () => {
    const config = configure({ REDIS_URL: "redis://:pa%zz@redis.internal:6380" });
    expect(config.secrets).toEqual(expect.arrayContaining(["pa%zz"]));
  });

  it("refuses anything but a redis:// or rediss:// URL, naming the variable", () => {
    for (const bad of ["localhost:6379", "http://redis:6379", "redis://has space"]) {
      let problems: string[] = [];
      try {
        configure({ REDIS_URL: bad });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        problems = (error as ConfigError).problems;
      }
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^REDIS_URL must be a redis:\/\//u);
    }
    expect(configure({ REDIS_URL: "rediss://u:p@r:6379" }).redis?.url).toBe("rediss://u:p@r:6379");
  });

  it("REDIS_LOCK_SECONDS sets how long a killed replica's post lock lasts, and refuses nonsense", () => {
    const url = "redis://r:6379";
    expect(configure({ REDIS_URL: url, REDIS_LOCK_SECONDS: "1.5" }).redis?.lockTtlMs).toBe(1_500);
    expect(configure({ REDIS_URL: url }).redis?.lockTtlMs).toBeUndefined();
    for (const bad of ["0", "-1", "soon", "7200"]) {
      let problems: string[] = [];
      try {
        configure({ REDIS_URL: url, REDIS_LOCK_SECONDS: bad });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems).toEqual([expect.stringMatching(/^REDIS_LOCK_SECONDS /u)]);
    }
  });
});
