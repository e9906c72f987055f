// A moderator's first /article add in a fresh process, for bench/articles.ts: the page (HTML on
// stdin) is ingested by a process that has loaded nothing of the ingest yet, as the bot's library
// loads it on first use (src/core/library.ts imports the builder then). `bot <root>` times loading
// the extractor and builder from <root> (dist/src, compiled, as the bot runs: plain JavaScript,
// no TypeScript loader; or src under tsx), compromise's lexicon unpacking as it loads; then the
// first extractPage + buildAddedArticle; then the first /quote search that needs WordNet's related
// words and the first autocomplete (both made on first use). `bare` times loading readability and
// linkedom and their first parse, the baseline. `warmed <root>` does what `bot` does in a process
// that first ran the start-up warm-up (added/warm.ts on the shipped article, untimed here, its
// time reported as warmMs), as a restarted bot with added articles does. Prints one JSON line.
import { readFileSync } from "node:fs";
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
  let warmMs;
  if (process.argv[2] === "warmed") {
    const data = new URL("../data/", import.meta.url);
    const { title } = JSON.parse(readFileSync(new URL("article.json", data), "utf8"));
    const started = performance.now();
    const { warmUp } = await import(new URL("added/warm.js", root).href);
    warmUp(title, readFileSync(new URL("article.txt", data), "utf8"));
    warmMs = since(started);
  }
  let at = performance.now();
  const [{ extractPage }, { buildAddedArticle }, { unstored }] = await Promise.all([
    import(new URL("extract/page.js", root).href),
    import(new URL("added/build.js", root).href),
    import(new URL("added/warm.js", root).href),
  ]);
  const loadMs = since(at);
  at = performance.now();
  const article = buildAddedArticle(unstored(extractPage(html), "first"));
  const ingestMs = since(at);
  at = performance.now();
  // Words none of the quotes holds, so the search looks for related words (and finds none).
  article.search.search("federal pizza");
  const relatedMs = since(at);
  at = performance.now();
  article.search.suggest("se");
  const suggestMs = since(at);
  process.stdout.write(`${JSON.stringify({ loadMs, ingestMs, relatedMs, suggestMs, warmMs })}\n`);
}
