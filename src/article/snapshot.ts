/**
 * The shipped article as the build derived it. Loading an article checks its data with zod,
 * splits its sentences (ICU, whose data alone takes some 12 ms to open) and attributes its quotes:
 * about 40 ms of every start-up, and the same every time for the same files. The build
 * (scripts/build.mjs) writes what that gives into dist/, keyed by the bytes of every file it was
 * derived from; loadArticle takes it while the key fits and derives afresh otherwise (an edited
 * or another article, no build yet, a damaged file). It is build output: the code that wrote it is
 * the code that reads it, so it holds no version of its own. With it come the text's tokens and
 * the related-word map; only the search's own maps are built at load.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RelatedMap } from "./related.js";
import { COMMONNESS_FILE, RELATED_FILE } from "./related-cache.js";
import type { Topic } from "./search.js";
import type { Token } from "./tokens.js";

/** What an article's search is made of, besides its quotes and paragraphs. */
export interface SearchInputs {
  topics: readonly Topic[];
  /** The speaker's names, which carry no weight in a query. */
  aliases: readonly string[];
  /** The whole text's tokens. */
  tokens: readonly Token[];
  related: RelatedMap;
}

/** What the build derived (`article`: all of it that is plain data) and what its search is made of. */
export interface Snapshot<A> extends SearchInputs {
  key: string;
  article: A;
}

/** The files an article's derivation reads, as bytes: its text, its data and the search's caches. */
export function snapshotKey(text: string, json: string, dir: string): string {
  const hash = createHash("sha256");
  for (const part of [text, json, optional(join(dir, RELATED_FILE)), optional(join(dir, COMMONNESS_FILE))])
    hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** The snapshot's name, beside the built entry point (dist/src/). */
export const SNAPSHOT_FILE = "article.snapshot.json";

/**
 * The snapshot in `file` when it was derived from files with the key `key()` gives; undefined
 * otherwise. The key (a hash of every file) is computed only when there is a snapshot to check.
 */
export function readSnapshot<A>(file: string, key: () => string): Snapshot<A> | undefined {
  const raw = optional(file);
  if (raw === "") return undefined;
  try {
    const snapshot = JSON.parse(raw) as Partial<Snapshot<A>>;
    const whole =
      snapshot.article && snapshot.topics && snapshot.aliases && snapshot.tokens && snapshot.related;
    return whole && snapshot.key === key() ? (snapshot as Snapshot<A>) : undefined;
  } catch {
    return undefined;
  }
}

export function writeSnapshot<A>(file: string, snapshot: Snapshot<A>): void {
  writeFileSync(file, JSON.stringify(snapshot));
}

function optional(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
