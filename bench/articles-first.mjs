// A moderator's first /article add in a fresh process, for bench/articles.ts: the page (HTML on
// stdin) is ingested by a process that has loaded nothing of the ingest yet, as the bot's library
// loads it on first use (src/core/library.ts imports the builder then). `bot <root>` times loading
// the extractor and builder from <root> (dist/src, compiled, as the bot runs: plain JavaScript,
// no TypeScript loader; or src under tsx), compromise's lexicon unpacking as it loads; then the
// first extractPage + buildAddedArticle; then the first /quote search that needs WordNet's related
// words and the first autocomplete (both made on first use). `bare` times loading readability and
// linkedom and their first parse, the baseline. Prints one JSON line.
import { text } from "node:stream/consumers";

const html = await text(process.stdin);
const since = (start) => performance.now() - start;

if (process.argv[2] === "bare") {
  let at = performance.now();
  const [{ Readability }, { parseHTML }] = await Promise.all([
    import("@mozilla/readability"),
    import("linkedom"),
  ]);
  const loadMs = since(at);
  at = performance.now();
  new Readability(parseHTML(html).document, { serializer: (n) => n }).parse();
  process.stdout.write(`${JSON.stringify({ loadMs, parseMs: since(at) })}\n`);
} else {
  const root = new URL(`../${process.argv[3] ?? "dist/src"}/article/`, import.meta.url);
  let at = performance.now();
  const [{ extractPage }, { buildAddedArticle }] = await Promise.all([
    import(new URL("extract/page.js", root).href),
    import(new URL("added/build.js", root).href),
  ]);
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
