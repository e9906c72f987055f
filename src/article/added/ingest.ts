/**
 * From a link (or, for the operator's CLI, a local file) to the snapshot an added article is
 * stored as: fetch the page under the fetch rules (src/article/fetch), extract its body
 * (src/article/extract), name it from its title (slug.ts) and hash its text. Whether the name is
 * free, or the same article is already stored, is the shelf's to decide when it stores it.
 *
 * Every failure is one IngestError whose message is one sentence for a moderator (or operator)
 * that never repeats raw control characters or more than a short excerpt of the link or path.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import { echo } from "../../core/echo.js";
import { ExtractError, type ExtractedPage, extractPage } from "../extract/page.js";
import { decodeText } from "../fetch/charset.js";
import { FETCH_DEFAULTS, type FetchOptions, FetchRefused, fetchPage } from "../fetch/index.js";
import { looksBinary } from "../fetch/sniff.js";
import type { AddedBy, ArticleSnapshot } from "../kinds.js";
import { IngestError } from "./ingest-error.js";
import { slugify } from "./slug.js";

export { IngestError, type IngestReason } from "./ingest-error.js";

export interface IngestOptions {
  /** Who asks: a moderator, or null for the operator (the CLI). */
  addedBy: AddedBy | null;
  /** For fetchPage, e.g. `{ allowPrivate: fetchSettings(env).allowPrivate }`. */
  fetch?: FetchOptions;
  /** Whether `source` may be a local file path: the operator's CLI only, never a chat command. */
  allowFiles?: boolean;
}

const FILE_TYPES = new Set([".html", ".htm", ".txt"]);
/** Anything that starts like `scheme:` is a link (the fetch rules refuse all but http and https). */
const LINK = /^[a-z][a-z0-9+.-]*:/iu;

/** The snapshot of the article at `source`, ready for ArticleShelf.add; or an IngestError. */
export async function ingest(source: string, options: IngestOptions): Promise<ArticleSnapshot> {
  const trimmed = source.trim();
  try {
    const fromFile = options.allowFiles === true && !LINK.test(trimmed);
    const { page, url, fetchedAt } = fromFile ? await fromPath(trimmed) : await fromLink(trimmed, options);
    const site = page.site ?? (url ? new URL(url).hostname.replace(/^www\./u, "") : null);
    return {
      name: slugify(page.title),
      title: page.title,
      byline: page.byline,
      site,
      published: page.published ?? null,
      url,
      text: page.text,
      sha256: createHash("sha256").update(page.text, "utf8").digest("hex"),
      fetchedAt: fetchedAt.toISOString(),
      addedBy: options.addedBy,
    };
  } catch (error) {
    throw asIngestError(error);
  }
}

async function fromLink(url: string, options: IngestOptions) {
  const fetched = await fetchPage(url, options.fetch);
  const page = extractPage(fetched.body, fetched.contentType === "text" ? "text/plain" : "text/html");
  return { page, url: fetched.finalUrl, fetchedAt: fetched.fetchedAt };
}

async function fromPath(path: string): Promise<{ page: ExtractedPage; url: null; fetchedAt: Date }> {
  const shown = echo(path);
  const type = extname(path).toLowerCase();
  if (!FILE_TYPES.has(type))
    throw new IngestError(
      "file-type",
      `Only an http(s) link or a .html, .htm or .txt file can be added, and ${shown} is neither.`,
    );
  const raw = await readCapped(path, shown);
  if (looksBinary(raw)) throw new IngestError("file-binary", `${shown} holds binary data, not text.`);
  const kind = type === ".txt" ? "text" : "html";
  const { text } = decodeText(raw, kind, undefined);
  try {
    return {
      page: extractPage(text, kind === "text" ? "text/plain" : "text/html"),
      url: null,
      fetchedAt: new Date(),
    };
  } catch (error) {
    if (!(error instanceof ExtractError)) throw error;
    // The extractor speaks of pages and links; say the same of a file.
    const message =
      error.reason === "no-body"
        ? `No article text could be found in ${shown}; check that it holds the article itself.`
        : error.message.replace(/check the link points at/u, `check that ${shown} holds`);
    throw new IngestError(error.reason, message, { cause: error });
  }
}

/** The file's bytes, refusing anything but a regular file of at most 5 MiB (the fetch cap). */
async function readCapped(path: string, shown: string): Promise<Buffer> {
  const max = FETCH_DEFAULTS.maxBytes;
  const tooLarge = () =>
    new IngestError(
      "file-too-large",
      `${shown} is larger than ${max / 1024 / 1024} MB, the most an article may be.`,
    );
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, "r");
  } catch (error) {
    throw fileError(error, shown);
  }
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new IngestError("file-unreadable", `${shown} is not a file.`);
    if (info.size > max) throw tooLarge();
    const raw = await file.readFile();
    if (raw.length > max) throw tooLarge(); // it grew since stat()
    return raw;
  } catch (error) {
    throw error instanceof IngestError ? error : fileError(error, shown);
  } finally {
    await file.close();
  }
}

function fileError(error: unknown, shown: string): IngestError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new IngestError("file-missing", `There is no file at ${shown}.`, { cause: error });
  if (code === "EISDIR")
    return new IngestError("file-unreadable", `${shown} is not a file.`, { cause: error });
  const why = code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? "read error");
  return new IngestError("file-unreadable", `${shown} could not be read (${why}).`, { cause: error });
}

function asIngestError(error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  if (error instanceof FetchRefused || error instanceof ExtractError)
    return new IngestError(error.reason, error.message, { cause: error });
  return new IngestError(
    "failed",
    "The page could not be turned into an article because of an unexpected error; try again later.",
    { cause: error },
  );
}
