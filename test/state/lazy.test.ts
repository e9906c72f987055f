import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { configure } from "../../src/adapters/registry.js";
import { lazyStore } from "../../src/state/lazy.js";

const log = pino({ level: "silent" });
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "lazy-state-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("lazyStore", () => {
  it("opens the database once, on first use, and shares it", async () => {
    const dir = await tempDir();
    const store = lazyStore({ engine: "sqlite", file: join(dir, "bot.sqlite"), tokenKey: undefined }, log);
    expect(store.opened).toBe(false);
    const [a, b] = await Promise.all([store.get(), store.get()]);
    expect(a).toBe(b);
    expect(store.opened).toBe(true);
    expect(await a.health()).toEqual({ ok: true });
    await store.close();
    expect(store.opened).toBe(false);
    await store.close();
  });

  it("does not remember a failed open: the next call tries again", async () => {
    const dir = await tempDir();
    // A file where the state folder should be: the open fails until it is moved away.
    const blocker = join(dir, "state");
    await writeFile(blocker, "not a folder");
    const store = lazyStore(
      { engine: "sqlite", file: join(blocker, "bot.sqlite"), tokenKey: undefined },
      log,
    );
    await expect(store.get()).rejects.toThrow(/^Configuration error: /u);
    await rm(blocker);
    expect(await (await store.get()).health()).toEqual({ ok: true });
    await store.close();
  });
});

describe("configure", () => {
  it("reads the state settings and scrubs the token key and the database password from logs", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    const config = configure(
      { DATABASE_URL: "postgres://bot:p%40ss@db:5432/articles", TOKEN_ENCRYPTION_KEY: key },
      [],
    );
    expect(config.state.engine).toBe("postgres");
    expect(config.secrets).toEqual(expect.arrayContaining([key, "p%40ss", "p@ss"]));
    expect(configure({}, []).state.engine).toBe("sqlite");
  });

  it("scrubs a database password that is not valid percent-encoding as written, instead of throwing", () => {
    const config = configure({ DATABASE_URL: "postgres://bot:pa%zz@db:5432/articles" }, []);
    expect(config.secrets).toContain("pa%zz");
  });
});
