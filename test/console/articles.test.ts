/**
 * Added articles in the console, as a real process on its SQLite file: /article add fetches a
 * real page served from 127.0.0.1 (ARTICLE_FETCH_ALLOW_PRIVATE=true, as an intranet would set
 * it), /article list and /article use work on it, and after a restart the article is still there
 * and still the console channel's. Without the variable the same link is refused in one sentence.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useStorySite } from "../support/article-pages.js";
import { cleanEnv, runProcess } from "../support/process.js";

const site = useStorySite();
const stateDir = mkdtempSync(join(tmpdir(), "console-articles-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const run = (input: string, extra: Record<string, string> = {}) =>
  runProcess(process.execPath, ["dist/src/main.js"], input, {
    env: cleanEnv({ STATE_DIR: stateDir, ARTICLE_FETCH_ALLOW_PRIVATE: "true", ...extra }),
    timeoutMs: 30_000,
  });

describe("the console and added articles", () => {
  it("adds, lists and uses an article, and keeps both across a restart", async () => {
    const first = await run(
      `/article add ${site.url("/story")}\n/article use student-dies-after-diet-pills\n`,
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("Added: Student Dies After Diet Pills");
    expect(first.stdout).toContain("Its short name is student-dies-after-diet-pills.");
    expect(first.stdout).toContain("(student-dies-after-diet-pills)");

    // /article list opens the database; from then on the console channel reads its article.
    const second = await run(`/article list\n/article add ${site.url("/story")}\n/summary\n/quote pills\n`);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^2 articles$/mu);
    expect(second.stdout).toMatch(/student-dies-after-diet-pills: Student Dies After Diet Pills/u);
    expect(second.stdout).toContain("Already added: Student Dies After Diet Pills");
    expect(second.stdout).toContain("Extracted automatically: the article’s own sentences");
    expect(second.stdout).toMatch(/^Quotes on “pills”$/mu);
    expect(second.stdout).toContain("— Fiona Parry · passage 8 of 8, ¶13");
    expect(site.seen("/story")).toHaveLength(2);
  }, 60_000);

  it("refuses a private address unless ARTICLE_FETCH_ALLOW_PRIVATE is set", async () => {
    const before = site.seen("/story").length;
    const refused = await run(`/article add ${site.url("/story")}\n`, { ARTICLE_FETCH_ALLOW_PRIVATE: "" });
    expect(refused.code).toBe(0);
    const line = refused.stdout.trim();
    expect(line).toMatch(/^Could not fetch .*\.$/u);
    expect(line.split("\n")).toHaveLength(1);
    // Refused before connecting: the page server never saw it.
    expect(site.seen("/story")).toHaveLength(before);
  }, 30_000);
});
