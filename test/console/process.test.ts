import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { article } from "../support/article.js";
import { cleanEnv, runBot, runProcess } from "../support/process.js";

const passage = (n: number) => {
  const q = article.quotes[n - 1];
  return article.text.slice(q?.start, q?.end);
};

describe("the console adapter as a real process", () => {
  it("answers piped commands in order, prints quotes exactly, and exits 0 at end of input", async () => {
    const run = await runBot("/quote grants\n\n/summary\n/quote crimes\n");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`> ${passage(3)}\n`);
    expect(run.stdout).toContain(`> ${passage(1)}\n`);
    expect(run.stdout).toContain(`> ${passage(2)}\n`);
    expect(run.stdout.indexOf("on “grants”")).toBeLessThan(run.stdout.indexOf("Summary:"));
    expect(run.stdout.indexOf("Summary:")).toBeLessThan(run.stdout.indexOf("on “crimes”"));
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("prints one JSON line per answer with each quote's exact text and offsets (--json)", async () => {
    const run = await runBot("/quote grants\n/penalties\n/quote pizza\n", ["--json"]);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    const quote = lines[0].blocks[0].quote;
    expect(quote.text).toBe(article.text.slice(quote.start, quote.end));
    expect(quote.text).toBe(passage(3));
    for (const item of lines[1].blocks[3].items)
      expect(item.quote.text).toBe(article.text.slice(item.quote.start, item.quote.end));
    expect(lines[2].title).toBe("No matching quote");
  });

  it("keeps going after bad input and answers it with a short error", async () => {
    const run = await runBot(
      `hello\n/summary everything\n/quote ${"x".repeat(150)}\n/nope\n/sumary\n/summary full short\n/penalties\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Commands start with a slash");
    expect(run.stdout).toContain("/summary does not take “everything”");
    expect(run.stdout).toContain("“topic” must be text of at most 100 characters");
    expect(run.stdout).toContain("There is no /nope command");
    expect(run.stdout).toContain("Unknown command “sumary”. Did you mean /summary?");
    expect(run.stdout).toContain("/summary got both “full” and “short” for length; give one of them.");
    expect(run.stdout).toContain("Penalties Jeff Sessions announced");
  });

  it("treats the console user as a moderator unless started with --as member", async () => {
    const moderator = await runBot("/article post\n");
    expect(moderator.stdout).toContain(`Thread “${article.title}”`);
    expect(moderator.stdout).toContain(article.text.trim());
    const member = await runBot("/article post\n", ["--as", "member"]);
    expect(member.code).toBe(0);
    expect(member.stdout.trim()).toBe("Only moderators can run /article post. Nothing was posted.");
  });

  it("rejects an unknown flag with usage, not a stack trace", async () => {
    const run = await runBot("", ["--colour"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Unknown option '--colour'/u);
    expect(run.stderr).toContain("Usage: npm start");
    expect(run.stderr).not.toMatch(/\n\s+at /u);
  });

  it("stops on a configuration error with one line naming the variable", async () => {
    const run = await runBot("/summary\n", [], { DISCORD_TOKEN: "x".repeat(60) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Configuration error: DISCORD_APPLICATION_ID is missing: .*\.env\.example/u),
    ]);
  });

  it("refuses to start on article data that does not fit the article, naming the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "article-"));
    writeFileSync(join(dir, "article.txt"), readFileSync("data/article.txt"));
    const data = JSON.parse(readFileSync("data/article.json", "utf8"));
    data.penalties.items[0].text = "withholding all grants";
    writeFileSync(join(dir, "article.json"), JSON.stringify(data));
    const run = await runBot("/summary\n", [], { ARTICLE_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("penalties.items[0].text is not in the article: “withholding all grants”");
    expect(run.stderr).toContain(`${join(dir, "article.json")} has a problem`);
  });

  it("never loads discord.js or Bolt in console mode", async () => {
    const trace = join(mkdtempSync(join(tmpdir(), "trace-")), "imports.txt");
    writeFileSync(trace, "");
    const run = await runProcess(
      process.execPath,
      ["--import", "./test/support/trace-imports.mjs", "dist/src/main.js"],
      "/summary\n",
      { env: cleanEnv({ TRACE_IMPORTS_FILE: trace }) },
    );
    expect(run.code).toBe(0);
    const loaded = readFileSync(trace, "utf8");
    expect(loaded).toContain("/dist/src/main.js");
    expect(loaded).toMatch(/node_modules\/stemmer\//u); // the trace does see packages
    expect(loaded).not.toMatch(/node_modules\/(discord\.js|@discordjs|@slack)\//u);
  });

  it('works as the README says: echo "/quote grants" | npm start', async () => {
    const run = await runProcess("npm", ["start"], "/quote grants\n", { env: cleanEnv(), timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(passage(3));
  }, 60_000);
});
