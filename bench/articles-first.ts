/**
 * A moderator's first /article add in a fresh process, for bench/articles.ts: the page (HTML on
 * stdin) is ingested by a process that has loaded nothing of the ingest yet, as the bot's library
 * loads it on first use (src/core/library.ts imports the builder then). `bot` times loading the
 * extractor and builder (compromise's lexicon unpacks as it loads), the first extractPage +
 * buildAddedArticle, then the first /quote search that needs WordNet's related words and the
 * first autocomplete (both made on first use); `bare` times loading readability and linkedom and
 * their first parse, the baseline. A third argument, `dist`, loads the compiled build (as the bot
 * runs) instead of the sources under tsx. Prints one JSON line.
 */
import { text } from "node:stream/consumers";

const html = await text(process.stdin);
const since = (start: number) => performance.now() - start;

if (process.argv[2] === "bare") {
  let at = performance.now();
  const [{ Readability }, { parseHTML }] = await Promise.all([
    import("@mozilla/readability"),
    import("linkedom"),
  ]);
  const loadMs = since(at);
  at = performance.now();
  new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (n) => n,
  }).parse();
  process.stdout.write(`${JSON.stringify({ loadMs, parseMs: since(at) })}\n`);
} else {
  let at = performance.now();
  const root = process.argv[3] === "dist" ? "../dist/src" : "../src";
  const [{ extractPage }, { buildAddedArticle }] = (await Promise.all([
    import(`${root}/article/extract/page.js`),
    import(`${root}/article/added/build.js`),
  ])) as [typeof import("../src/article/extract/page.js"), typeof import("../src/article/added/build.js")];
  const loadMs = since(at);
  at = performance.now();
  const page = extractPage(html);
  const article = buildAddedArticle({
    name: "first",
    title: page.title,
    byline: page.byline,
    site: page.site,
    published: page.published ?? null,
    url: null,
    text: page.text,
    sha256: "",
    fetchedAt: new Date(0).toISOString(),
    addedBy: null,
  });
  const ingestMs = since(at);
  at = performance.now();
  // Words none of the quotes holds, so the search looks for related words (and finds none).
  article.search.search("federal pizza");
  const relatedMs = since(at);
  at = performance.now();
  article.search.suggest("se");
  const suggestMs = since(at);
  process.stdout.write(`${JSON.stringify({ loadMs, ingestMs, relatedMs, suggestMs })}\n`);
}
