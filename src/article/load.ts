import { readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type * as z from "zod";
import { DATA_DIR } from "../runtime/paths.js";
import { locate } from "./locate.js";
import { type Paragraph, type Sentence, splitParagraphs, splitSentences } from "./paragraphs.js";
import { findQuotes, type Quote } from "./quotes.js";
import { commonness, relatedFor } from "./related-cache.js";
import { articleData } from "./schema.js";
import { QuoteSearch } from "./search.js";
import { readSnapshot, type SearchInputs, snapshotKey, writeSnapshot } from "./snapshot.js";
import { type Span, slice } from "./span.js";
import { tokenize } from "./tokens.js";

/** The short name of the shipped article (`/article use sessions`); never given to an added one. */
export const SHIPPED_NAME = "sessions";

export interface Cited {
  text: string;
  cites: number[];
  /** Word count, counted once at load for the "how much shorter" footer. */
  words: number;
}

export interface Article {
  kind: "curated";
  /** SHIPPED_NAME: what `/article use` and the `article` option call it. */
  name: string;
  text: string;
  title: string;
  speaker: { name: string; role: string };
  venue: Span;
  outlets: { name: string; credit: Span }[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: Quote[];
  search: QuoteSearch;
  summary: { short: Cited[]; announced: Cited[]; argued: Cited[] };
  penalties: {
    law: Span;
    condition: Span;
    items: { label: string; span: Span }[];
  };
  words: number;
}

/** Start-up refuses data that does not fit the article; the message lists every problem. */
export class ArticleDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file} has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}`,
    );
    this.name = "ArticleDataError";
  }
}

/** What an article holds but its text and its search: plain data, as a snapshot keeps it. */
type Derived = Omit<Article, "text" | "search">;

function readArticleFiles(dir: string) {
  const text = readFileSync(join(dir, "article.txt"), "utf8");
  const file = join(dir, "article.json");
  return { text, file, raw: readFileSync(file, "utf8") };
}

/**
 * The article in `dir`: from `snapshot` (the build's, see snapshot.ts) when it was derived from
 * these very files, else derived and checked afresh.
 */
export function loadArticle(dir = DATA_DIR, snapshot?: string): Article {
  const { text, file, raw } = readArticleFiles(dir);
  const saved =
    snapshot === undefined ? undefined : readSnapshot<Derived>(snapshot, () => snapshotKey(text, raw, dir));
  if (saved) return withSearch(text, saved.article, saved, dir);
  // Errors name the real file (ARTICLE_DIR's), relative to where the bot runs when it is inside.
  const inside = relative(process.cwd(), file);
  const shown = inside.startsWith("..") || isAbsolute(inside) ? file : inside;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ArticleDataError(shown, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return buildArticle(text, json, { dir, source: shown });
}

/** Derives the article in `dir` afresh and writes it to `file` as a snapshot (the build runs this). */
export function writeArticleSnapshot(file: string, dir = DATA_DIR): void {
  const { text, raw } = readArticleFiles(dir);
  const { derived, inputs } = derive(text, JSON.parse(raw), { dir });
  writeSnapshot<Derived>(file, { key: snapshotKey(text, raw, dir), article: derived, ...inputs });
}

/** The article with its search, which is built at every load: it is made of maps and typed arrays. */
function withSearch(text: string, derived: Derived, inputs: SearchInputs, dir: string): Article {
  const { quotes, paragraphs } = derived;
  const { topics, aliases, related, tokens } = inputs;
  return {
    ...derived,
    text,
    search: new QuoteSearch(text, quotes, topics, aliases, related, commonness(dir), paragraphs, tokens),
  };
}

export interface BuildOptions {
  /** Holds the related-word cache; an article without a current one derives its own. */
  dir?: string;
  /** Names the data file in error messages. */
  source?: string;
}

export function buildArticle(text: string, json: unknown, options: BuildOptions = {}): Article {
  return derive(text, json, options).article;
}

/** The article, its plain data and what its search is made of; throws ArticleDataError. */
function derive(
  text: string,
  json: unknown,
  { dir = DATA_DIR, source = "data/article.json" }: BuildOptions,
): { article: Article; derived: Derived; inputs: SearchInputs } {
  const parsed = articleData().safeParse(json, { jitless: true });
  if (!parsed.success) throw new ArticleDataError(source, parsed.error.issues.map(describeIssue));
  const data = parsed.data;
  const problems: string[] = [];

  const paragraphs = splitParagraphs(text);
  const sentences = splitSentences(text, paragraphs);
  const quotes = findQuotes(text, paragraphs, sentences, data.speaker);
  // Tokenized once, for the search and the word count.
  const tokens = tokenize(text);
  if (quotes.length === 0)
    problems.push(`speaker: no quotes in the article are attributed to ${data.speaker.name}`);

  const find = (field: string, needle: string, scopes?: Span[]): Span => {
    const found = locate(text, needle, scopes);
    if (found.ok) return found.span;
    problems.push(`${field} ${found.problem}`);
    return { start: 0, end: 0 };
  };

  const bodyCount = paragraphs.filter((p) => p.number !== null).length;
  const checkCites = (field: string, list: { cites: number[] }[]) =>
    list.forEach((item, i) => {
      for (const c of item.cites)
        if (c > bodyCount)
          problems.push(`${field}[${i}].cites: ¶${c} does not exist (the article has ${bodyCount})`);
    });
  const counted = (c: { text: string; cites: number[] }): Cited => ({ ...c, words: tokenize(c.text).length });
  checkCites("summary.short", data.summary.short);
  checkCites("summary.announced", data.summary.announced);
  checkCites("summary.argued", data.summary.argued);

  const derived: Derived = {
    kind: "curated",
    name: SHIPPED_NAME,
    title: data.title,
    speaker: { name: data.speaker.name, role: data.speaker.role },
    venue: find("venue", data.venue),
    outlets: data.outlets.map((o, i) => {
      find(`outlets[${i}].name`, o.name);
      return { name: o.name, credit: find(`outlets[${i}].credit`, o.credit) };
    }),
    paragraphs,
    sentences,
    quotes,
    summary: {
      short: data.summary.short.map(counted),
      announced: data.summary.announced.map(counted),
      argued: data.summary.argued.map(counted),
    },
    // Penalties are only what the speaker said: they must sit inside his quotes.
    penalties: {
      law: find("penalties.law", data.penalties.law, quotes),
      condition: find("penalties.condition", data.penalties.condition, quotes),
      items: data.penalties.items.map((item, i) => ({
        label: item.label,
        span: find(`penalties.items[${i}].text`, item.text, quotes),
      })),
    },
    words: tokens.length,
  };

  const inputs: SearchInputs = {
    topics: data.topics,
    aliases: data.speaker.aliases,
    tokens,
    related: relatedFor(
      quotes.map((q) => slice(text, q)),
      dir,
    ),
  };
  const article = withSearch(text, derived, inputs, dir);

  for (const [i, topic] of data.topics.entries()) {
    for (const [j, phrase] of topic.match.entries()) {
      if (article.search.search(phrase).length === 0)
        problems.push(
          `topics[${i}].match[${j}] matches none of the quotes by ${data.speaker.name}: “${phrase}”`,
        );
    }
  }

  if (problems.length > 0) throw new ArticleDataError(source, problems);
  return { article, derived, inputs };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path =
    issue.path.length > 0
      ? issue.path
          .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
          .join("")
          .replace(/^\./u, "")
      : "(top level)";
  return `${path}: ${issue.message}`;
}
