import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Article, ArticleDataError, loadArticle, writeArticleSnapshot } from "../../src/article/load.js";
import { RELATED_FILE } from "../../src/article/related-cache.js";
import { DATA_DIR } from "../../src/runtime/paths.js";
import { PHRASINGS } from "./phrasings.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped data and a snapshot of it, in a folder of their own. */
function snapshotted(): { data: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "snapshot-"));
  dirs.push(dir);
  const data = join(dir, "data");
  cpSync(DATA_DIR, data, { recursive: true });
  const file = join(dir, "article.snapshot.json");
  writeArticleSnapshot(file, data);
  return { data, file };
}

/** What a member can see of an article: all its data and what its search answers. */
function observable(article: Article) {
  const { search, ...data } = article;
  const topics = [...PHRASINGS.map(([topic]) => topic), ...search.topics.map((t) => t.name)];
  return {
    data,
    hits: topics.map((topic) => search.search(topic)),
    topicsByQuote: [...search.topicsByQuote],
    suggested: ["gr", "sanct", "pizza", ""].map((prefix) => search.suggest(prefix)),
    closest: ["weather", "grnts", "bitcoin"].map((topic) => search.closest(topic)),
  };
}

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(file, change(readFileSync(file, "utf8")));

describe("the build's snapshot of the shipped article", () => {
  it("loads the same article, answering every query the same, as deriving it afresh", () => {
    const { data, file } = snapshotted();
    const fresh = loadArticle(data);
    const fromSnapshot = loadArticle(data, file);
    expect(observable(fromSnapshot)).toEqual(observable(fresh));
    expect(fromSnapshot.quotes.length).toBeGreaterThan(0);
  });

  it("is what the article is loaded from while its key fits", () => {
    const { data, file } = snapshotted();
    // A snapshot that says something the files do not: only loading from it shows that title.
    edit(file, (raw) => raw.replace(/"title":"[^"]*"/u, '"title":"From the snapshot"'));
    expect(loadArticle(data, file).title).toBe("From the snapshot");
    expect(loadArticle(data).title).not.toBe("From the snapshot");
  });

  it("is set aside when the article, its data or the search's cache changed since the build", () => {
    for (const [name, change] of [
      // One more blank line at the end: the same paragraphs, other bytes.
      ["article.txt", (t: string) => `${t}\n`],
      ["article.txt", (t: string) => `${t}\nOne more paragraph of the author's, at the end.\n`],
      ["article.json", (t: string) => t.replace(/"title": "[^"]*"/u, '"title": "Edited after the build"')],
      // A cache no longer of these passages: the search derives its related words again.
      [RELATED_FILE, (t: string) => t.replace(/"key": ?"/u, "$&0")],
    ] as const) {
      const { data, file } = snapshotted();
      edit(file, (raw) => raw.replace(/"title":"[^"]*"/u, '"title":"From the snapshot"'));
      edit(join(data, name), change);
      const article = loadArticle(data, file);
      expect(article.title, name).not.toBe("From the snapshot");
      expect(observable(article), name).toEqual(observable(loadArticle(data)));
    }
  });

  it("still refuses data that changed for the worse since the build", () => {
    const { data, file } = snapshotted();
    edit(join(data, "article.json"), (t) => t.replace(/"venue": "[^"]*"/u, '"venue": "the White House"'));
    expect(() => loadArticle(data, file)).toThrow(ArticleDataError);
  });

  it("derives afresh from a damaged, partial or missing snapshot", () => {
    const { data, file } = snapshotted();
    const fresh = observable(loadArticle(data));
    const whole = readFileSync(file, "utf8");
    const { key } = JSON.parse(whole) as { key: string };
    for (const damaged of [
      whole.slice(0, whole.length / 2),
      JSON.stringify({ key }),
      JSON.stringify({ ...JSON.parse(whole), tokens: undefined }),
      "null",
      "",
    ]) {
      writeFileSync(file, damaged);
      expect(observable(loadArticle(data, file))).toEqual(fresh);
    }
    rmSync(file);
    expect(observable(loadArticle(data, file))).toEqual(fresh);
  });
});
