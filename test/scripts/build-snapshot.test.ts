/**
 * The build's snapshot of the shipped article (src/article/snapshot.ts), as the test global setup
 * built it: written beside the bundled entry point, current, and what the built bot starts from.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadArticle } from "../../src/article/load.js";
import { readSnapshot, SNAPSHOT_FILE, snapshotKey } from "../../src/article/snapshot.js";
import { DATA_DIR, ROOT } from "../../src/runtime/paths.js";
import { cleanEnv, runProcess } from "../support/process.js";

const SNAPSHOT = join(ROOT, "dist", "src", SNAPSHOT_FILE);
const dir = mkdtempSync(join(tmpdir(), "build-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the build's snapshot of the shipped article", () => {
  it("is written by the build, keyed by the shipped files, and holds the article they give", () => {
    const text = readFileSync(join(DATA_DIR, "article.txt"), "utf8");
    const raw = readFileSync(join(DATA_DIR, "article.json"), "utf8");
    const saved = readSnapshot<object>(SNAPSHOT, () => snapshotKey(text, raw, DATA_DIR));
    expect(saved).toBeDefined();
    const { text: _text, search, ...fresh } = loadArticle();
    expect(saved?.article).toEqual(fresh);
    expect(saved?.topics).toEqual(search.topics);
  });

  it("is what the built bot starts from", async () => {
    // A copy of the built bot, whose snapshot says something the shipped files do not.
    const copy = join(dir, "bot");
    for (const part of ["dist", "data", "package.json"])
      cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    const snapshot = join(copy, "dist", "src", SNAPSHOT_FILE);
    writeFileSync(
      snapshot,
      readFileSync(snapshot, "utf8").replace(/"title":"[^"]*"/u, '"title":"Title from the snapshot"'),
    );
    const summary = () =>
      runProcess(process.execPath, [join(copy, "dist", "src", "main.js")], "/summary\n", { env: cleanEnv() });
    const run = await summary();
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Summary: Title from the snapshot");

    // Edited after the build: the bot derives the article from the files again.
    const data = join(copy, "data", "article.json");
    writeFileSync(
      data,
      readFileSync(data, "utf8").replace(/"title": "[^"]*"/u, '"title": "Title edited since"'),
    );
    const again = await summary();
    expect(again.stdout).toContain("Summary: Title edited since");
  });
});
