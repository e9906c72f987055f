/**
 * #15's figures for added articles, each beside a baseline measured in the same run:
 * - ingest after fetch (extractPage + buildAddedArticle) of a 5,000-word page, steady state (the
 *   median of 7 after one ingest), beside @mozilla/readability on linkedom parsing the same page;
 * - a moderator's first add in a fresh process (bench/articles-first.mjs in a child): loading the
 *   builder (compromise) and the first ingest, beside loading readability and linkedom and their
 *   first parse; and the first /quote that needs WordNet and the first autocomplete after it; and
 *   the same after the start-up warm-up (added/warm.ts) of a restarted bot with added articles;
 * - `/quote <topic>` p99 with 100 added articles loaded, beside the same on the shipped article,
 *   and the first /quote on each of them (related words and suggestions are made then);
 * - heap retained per stored 5,000-word article (queried, so with those made), beside the shipped
 *   article's.
 * The page is four labelled pages' bodies (test/article/pages) in one realistic page: navigation,
 * headings, a byline and footer around some 5,200 words. Run alone with `npx tsx bench/articles.ts`;
 * `npx tsx bench/articles.ts heap` (under --expose-gc) is the heap child it starts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { commands } from "../commands/index.js";
import { buildAddedArticle } from "../src/article/added/build.js";
import { escapeHtml, unstored } from "../src/article/added/warm.js";
import { extractPage } from "../src/article/extract/page.js";
import { findPeople } from "../src/article/extract/people.js";
import type { AddedArticle, ArticleSnapshot } from "../src/article/kinds.js";
import { type Article, loadArticle } from "../src/article/load.js";
import { splitParagraphs } from "../src/article/paragraphs.js";
import { tokenize } from "../src/article/tokens.js";
import { execute } from "../src/core/dispatch.js";
import type { Outcome } from "../src/core/reply.js";
import { TOPICS } from "./handlers.js";
import { runChild } from "./lib/child.js";
import { printTable, type Row } from "./lib/report.js";

const PAGES = join(import.meta.dirname, "..", "test", "article", "pages");
const LABELLED = [
  "bbc-1",
  "buzzfeed-1",
  "guardian-1",
  "herald-sun-1",
  "seattletimes-1",
  "wapo-1",
  "wapo-2",
  "yahoo-3",
];
const INGEST_RUNS = 7;
const LOADED = 100;
const HEAP_ARTICLES = 10;

const source = (name: string) => readFileSync(join(PAGES, name, "source.html"), "utf8");

/** Four labelled stories' paragraphs as one 5,000-word article page. */
export function page5k(): string {
  const stories = ["seattletimes-1", "wapo-1", "wapo-2", "bbc-1"].map((n) => extractPage(source(n)));
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join(
    "",
  );
  const body = stories
    .flatMap((s) => [
      `<h2>${escapeHtml(s.title)}</h2>`,
      ...s.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/gu, "<br>")}</p>`),
    ])
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Four stories | Bench Times</title><meta property="og:site_name" content="Bench Times"></head><body><header><nav><ul>${nav}</ul></nav></header><main><article><h1>Four stories</h1><p class="byline">By Bench Writer</p>${body}</article></main><footer><ul>${nav}</ul></footer></body></html>`;
}

function snapshot(name: string, html: string): ArticleSnapshot {
  const shelved = unstored(extractPage(html), name);
  // A copy of its own, as each stored article has.
  return { ...shelved, text: Buffer.from(shelved.text).toString() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** CPU time of this process (all threads), ms: less swayed than wall time by other work on the machine. */
function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function benchIngest(html: string): Row {
  const ingest = () => buildAddedArticle(snapshot("bench", html));
  const parse = () =>
    new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (n) => n,
    }).parse();
  ingest();
  parse();
  const ingestMs: number[] = [];
  const parseMs: number[] = [];
  const ingestCpu: number[] = [];
  const namesCpu: number[] = [];
  const text = snapshot("bench", html).text;
  for (let i = 0; i < INGEST_RUNS; i++) {
    parseMs.push(timeMs(parse));
    ingestMs.push(timeMs(ingest));
    ingestCpu.push(cpuMs(ingest));
    namesCpu.push(cpuMs(() => findPeople(text, splitParagraphs(text))));
  }
  const value = median(ingestMs);
  const base = median(parseMs);
  const words = tokenize(text).length;
  return {
    suite: "articles",
    name: `ingest after fetch, ${words.toLocaleString("en")}-word page (${Math.round(html.length / 1024)} KiB): extractPage + buildAddedArticle, steady state, median of ${INGEST_RUNS} after one (min ${Math.min(...ingestMs).toFixed(0)}, max ${Math.max(...ingestMs).toFixed(0)} ms; CPU median ${median(ingestCpu).toFixed(0)} ms, all threads, of which findPeople, alone, about ${median(namesCpu).toFixed(0)} ms)`,
    value,
    unit: "ms",
    baseline: { name: "readability on linkedom, parse only", value: base },
    ratio: value / base,
    target: "≤ 200 ms",
    met: value <= 200,
  };
}

/** The topics a member might try on an added article: telling words of its quotes, a phrase, a miss. */
function topicsOf(a: AddedArticle): string[] {
  const words = a.quotes.flatMap((q) => tokenize(a.text.slice(q.start, q.end)).map((t) => t.word));
  const long = [...new Set(words.filter((w) => w.length >= 6))];
  const step = Math.max(1, Math.floor(long.length / 5));
  const picked = long.filter((_, i) => i % step === 0).slice(0, 5);
  return [...picked, words.slice(2, 4).join(" "), "federal pizza"];
}

type AnyQuoted = Article | AddedArticle;

/** `/quote` through the real dispatch (no answer cache: every call runs the command). */
const quote = (article: AnyQuoted, topic: string): Outcome =>
  execute({ command: "quote", options: { topic } }, { article, commands });

const answersQuotes = (outcome: Outcome) =>
  outcome.kind === "message" && outcome.tone !== "error" && outcome.blocks.some((b) => b.type === "quote");

/** p99 and p50 in µs of `quote` over every (article, topic) pair, `rounds` times, after one round. */
function quoteLatency(pairs: [AnyQuoted, string][], rounds: number) {
  for (const [a, t] of pairs) quote(a, t);
  const us: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const [a, t] of pairs) {
      const start = performance.now();
      quote(a, t);
      us.push((performance.now() - start) * 1000);
    }
  return { p99: quantile(us, 0.99), p50: quantile(us, 0.5), samples: us.length };
}

function benchQuote(html: string): Row {
  const htmls = [...LABELLED.map(source), html];
  const snapshots = htmls.map((h, i) => snapshot(`page-${i}`, h));
  const added = Array.from({ length: LOADED }, (_, i) => {
    const s = snapshots[i % snapshots.length] as ArticleSnapshot;
    return buildAddedArticle({ ...s, name: `${s.name}-${i}`, text: Buffer.from(s.text).toString() });
  });
  const shipped = loadArticle();
  const addedPairs = added.flatMap((a) => topicsOf(a).map((t): [AnyQuoted, string] => [a, t]));
  const shippedPairs = TOPICS.map((t): [AnyQuoted, string] => [shipped, t]);
  // The first /quote on each new article makes its related words and suggestions (a miss needs both).
  const firstMs = added.map((a) => timeMs(() => quote(a, "federal pizza")));
  const sample = added.find((a) => a.quotes.length > 0) as AddedArticle;
  const hitting = topicsOf(sample).find((t) => sample.search.search(t).length > 0) ?? "";
  if (!answersQuotes(quote(sample, hitting))) throw new Error(`/quote ${hitting} found no quote to show`);
  const samples = 20_000;
  const bot = quoteLatency(addedPairs, Math.ceil(samples / addedPairs.length));
  const base = quoteLatency(shippedPairs, Math.ceil(samples / shippedPairs.length));
  const how = "the real /quote through execute()";
  return {
    suite: "articles",
    name: `/quote <topic> p99 with ${LOADED} added articles loaded, ${bot.samples} calls over ${addedPairs.length} (article, topic) pairs, ${how}, after each article's first /quote; p50 ${bot.p50.toFixed(1)} µs. That first /quote (a miss, \`federal pizza\`, which makes the related words and suggestions) took median ${median(firstMs).toFixed(0)} ms, max ${Math.max(...firstMs).toFixed(0)} ms`,
    value: bot.p99,
    unit: "µs",
    baseline: {
      name: `the same on the shipped article alone (p50 ${base.p50.toFixed(1)} µs)`,
      value: base.p99,
    },
    ratio: bot.p99 / base.p99,
    target: "p99 ≤ 1 ms",
    met: bot.p99 <= 1000,
  };
}

/** In the heap child: KiB retained per article after a full collection, added and shipped. */
function heapChild(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const html = page5k();
  const s = snapshot("heap", html);
  // Warm: shared read-only data (WordNet's index, English word counts, compromise) loads once.
  buildAddedArticle(s).search.search("federal pizza");
  loadArticle();
  const perArticle = (n: number, make: (i: number) => unknown) => {
    const kept: unknown[] = [];
    const before = heap();
    for (let i = 0; i < n; i++) kept.push(make(i));
    const after = heap();
    if (kept.length !== n) throw new Error("lost an article");
    return (after - before) / n / 1024;
  };
  // Made on first use, and then kept: a phrase needs the related words, autocomplete the suggestions.
  const queried = <A extends AnyQuoted>(article: A): A => {
    article.search.search("federal pizza");
    article.search.suggest("se");
    return article;
  };
  const added = perArticle(HEAP_ARTICLES, (i) =>
    queried(buildAddedArticle({ ...s, name: `heap-${i}`, text: Buffer.from(s.text).toString() })),
  );
  const shipped = perArticle(HEAP_ARTICLES, () => queried(loadArticle()));
  process.stdout.write(`${JSON.stringify({ added, shipped, words: tokenize(s.text).length })}\n`);
}

async function benchHeap(): Promise<Row> {
  const { added, shipped, words } = await runChild<{ added: number; shipped: number; words: number }>([
    "--expose-gc",
    "--import",
    "tsx",
    import.meta.filename,
    "heap",
  ]);
  return {
    suite: "articles",
    name: `heap retained per stored ${words.toLocaleString("en")}-word added article (after a full GC, ${HEAP_ARTICLES} built, each with its own text, each searched for a phrase and autocompleted so its related words and suggestions are made)`,
    value: added,
    unit: "KiB",
    baseline: { name: "the shipped article, queried the same way", value: shipped },
    ratio: added / shipped,
    target: "≤ 1,024 KiB",
    met: added <= 1024,
  };
}

/** Whether dist/ holds a build newer than every file under src/. */
function builtAfterSources(): boolean {
  const root = join(import.meta.dirname, "..");
  // tsc builds incrementally: its build info is written on every build that changes anything.
  const built = join(root, "dist", ".tsbuildinfo");
  if (!existsSync(built) || !existsSync(join(root, "dist", "src", "article", "added", "build.js")))
    return false;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  return statSync(built).mtimeMs >= newest(join(root, "src"));
}

/**
 * A moderator's first add in a fresh process, and the first queries after it (articles-first.ts):
 * in a bot with no added articles yet (nothing warmed), and in a restarted bot with some (the
 * start-up warm-up ran first).
 */
async function benchFirst(html: string): Promise<Row[]> {
  const first = join(import.meta.dirname, "articles-first.mjs");
  // The compiled build, as the bot runs, when it is newer than every source (npm run bench builds);
  // else the sources under tsx, and the baseline under tsx too.
  const compiled = builtAfterSources();
  const loader = compiled ? [] : ["--import", "tsx"];
  const bare = await runChild<{ loadMs: number; parseMs: number }>([...loader, first, "bare"], html);
  const base = bare.loadMs + bare.parseMs;
  const baseline = {
    name: `loading readability and linkedom ${bare.loadMs.toFixed(0)} ms + their first parse ${bare.parseMs.toFixed(0)} ms`,
    value: base,
  };
  const rows: Row[] = [];
  for (const mode of ["bot", "warmed"] as const) {
    const bot = await runChild<FirstTimes>([...loader, first, mode, compiled ? "dist/src" : "src"], html);
    const value = bot.loadMs + bot.ingestMs;
    const where =
      mode === "bot"
        ? "in a fresh process of a bot with no added articles yet (nothing warmed)"
        : `after the start-up warm-up of a restarted bot with added articles (warm-up ${bot.warmMs?.toFixed(0)} ms, off the clock)`;
    rows.push({
      suite: "articles",
      name: `first /article add ${where}, same page: loading the builder (compromise; ${compiled ? "compiled dist" : "sources under tsx"}) ${bot.loadMs.toFixed(0)} ms + the first extractPage + buildAddedArticle ${bot.ingestMs.toFixed(0)} ms; then the first /quote needing related words (WordNet) ${bot.relatedMs.toFixed(0)} ms, the first autocomplete ${bot.suggestMs.toFixed(0)} ms`,
      value,
      unit: "ms",
      baseline,
      ratio: value / base,
      target: "≤ 200 ms",
      met: value <= 200,
    });
  }
  return rows;
}

interface FirstTimes {
  loadMs: number;
  ingestMs: number;
  relatedMs: number;
  suggestMs: number;
  warmMs?: number;
}

export async function benchArticles(): Promise<Row[]> {
  const html = page5k();
  const ingest = benchIngest(html);
  const first = await benchFirst(html);
  const quote = benchQuote(html);
  return [ingest, ...first, quote, await benchHeap()];
}

const direct = process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename;
if (direct && process.argv[2] === "heap") heapChild();
else if (direct)
  benchArticles().then(
    (rows) => process.stdout.write(`${printTable(rows)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
