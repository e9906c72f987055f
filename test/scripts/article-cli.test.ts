/**
 * `npm run article`: the real built script (dist/scripts/article.js, built by the test global
 * setup) in a clean environment with its own STATE_DIR, adding a file and a page served from
 * 127.0.0.1, finding the same page already stored, listing, and failing in one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { usePageServer } from "../article/fetch-server.js";
import { cleanEnv, runProcess } from "../support/process.js";

const site = usePageServer();
const dir = mkdtempSync(join(tmpdir(), "article-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATE_DIR = join(dir, "state");
const article = (args: string[], env: Record<string, string> = {}) =>
  runProcess(process.execPath, ["dist/scripts/article.js", ...args], "", {
    env: cleanEnv({ STATE_DIR, ARTICLE_FETCH_ALLOW_PRIVATE: "true", ...env }),
  });

const PROSE = Array.from(
  { length: 8 },
  (_, i) =>
    `Paragraph ${i + 1} tells how the council met on Tuesday and agreed, after a long debate, that the new library will open in spring next year.`,
).join("\n\n");
/** A small news page: the labelled real ones are the ingest test's; here the process is the point. */
const PAGE = `<!doctype html><html><head><title>Council backs the new library</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Council backs the new library</h1>
${PROSE.split("\n\n")
  .map((p) => `<p>${p}</p>`)
  .join("\n")}</article></body></html>`;
const page = (_req: unknown, res: import("node:http").ServerResponse) =>
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);

/** A failed run: nothing on stdout, exactly one line on stderr, exit status 1. */
function failedOnce(run: Awaited<ReturnType<typeof article>>): string {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: "" });
  expect(run.stderr).toMatch(/^[^\n]+\n$/u);
  return run.stderr.trim();
}

describe("npm run article", () => {
  it("adds a file and a link, reports the same link as already stored, and lists both", async () => {
    const empty = await article(["list"]);
    expect(empty).toMatchObject({ code: 0, stdout: "No articles added yet.\n", stderr: "" });

    const notes = join(dir, "library.txt");
    writeFileSync(notes, `Library to open in spring\n\n${PROSE}\n`);
    expect(await article(["add", notes])).toMatchObject({
      code: 0,
      stdout: "library-to-open-in-spring\n",
      stderr: "",
    });

    site.route("/news/library", page);
    const url = site.url("/news/library");
    expect(await article(["add", url])).toMatchObject({
      code: 0,
      stdout: "council-backs-the-new-library\n",
      stderr: "",
    });
    expect(await article(["add", url])).toMatchObject({
      code: 0,
      stdout: "already stored as council-backs-the-new-library\n",
      stderr: "",
    });

    const listed = await article(["list"]);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    const today = new Date().toISOString().slice(0, 10);
    const rows = listed.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split("\t"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([
      "council-backs-the-new-library",
      "Council backs the new library",
      "127.0.0.1",
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/u),
    ]);
    expect(rows[1]).toEqual([
      "library-to-open-in-spring",
      "Library to open in spring",
      "-",
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/u),
    ]);
    expect(rows.map((r) => r[3])).toContain(today);
  });

  it("fails in one line on stderr with exit status 1: a refused link, a missing page, a private address, bad settings", async () => {
    site.route("/private", page);
    const [ftp, missing, privateAddress, badDatabase, badSwitch] = await Promise.all([
      article(["add", "ftp://example.org/story.html"]),
      article(["add", site.url("/gone")]),
      article(["add", site.url("/private")], { ARTICLE_FETCH_ALLOW_PRIVATE: "" }),
      article(["add", site.url("/private")], { DATABASE_URL: "mysql://db.example/articles" }),
      article(["add", site.url("/private")], { ARTICLE_FETCH_ALLOW_PRIVATE: "maybe" }),
    ]);
    expect(failedOnce(ftp)).toMatch(
      /^Could not fetch ftp:\/\/example\.org\/story\.html: .*only http:\/\/ and https:\/\/ links are fetched\.$/u,
    );
    expect(failedOnce(missing)).toMatch(/HTTP status 404\.$/u);
    expect(failedOnce(privateAddress)).toMatch(/^Could not fetch http:\/\/127\.0\.0\.1:\d+\/private: /u);
    expect(site.seen("/private")).toHaveLength(0);
    expect(failedOnce(badDatabase)).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\//u);
    expect(failedOnce(badSwitch)).toMatch(/^Configuration error: ARTICLE_FETCH_ALLOW_PRIVATE /u);
  });

  it("prints its usage for anything else", async () => {
    const runs = await Promise.all([
      article([]),
      article(["add"]),
      article(["add", "a.txt", "b.txt"]),
      article(["remove", "x"]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(
        /^Usage: npm run article -- add <https:\/\/… \| file\.html \| file\.txt>\n/u,
      );
    }
    const help = await article(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: npm run article/u);
  });
});
