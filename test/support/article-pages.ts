/**
 * Added articles in tests: a labelled real page (test/article/pages) served from 127.0.0.1, and
 * the bot's /article add fetching it as it would any site, with only the private-address rule
 * lifted (ARTICLE_FETCH_ALLOW_PRIVATE's effect).
 */
import { readFileSync } from "node:fs";
import { ingest } from "../../src/article/added/ingest.js";
import type { AddedBy } from "../../src/article/kinds.js";
import { type PageServer, usePageServer } from "../article/fetch-server.js";

/** Two people quoted (Fiona Parry, Jennifer Mattinson), 8 attributed quotes. */
export const STORY = readFileSync("test/article/pages/buzzfeed-1/source.html");

/** A page server for this file with `/story`, and `/slow-story` answering after `slowMs`. */
export function useStorySite(slowMs = 2_500): PageServer {
  const site = usePageServer();
  site.route("/story", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(STORY));
  site.route("/slow-story", (_req, res) => {
    const timer = setTimeout(() => res.writeHead(200, { "content-type": "text/html" }).end(STORY), slowMs);
    res.on("close", () => clearTimeout(timer));
  });
  return site;
}

/** The bot's ingest, reaching 127.0.0.1. */
export const localIngest = (url: string, by: AddedBy) =>
  ingest(url, { addedBy: by, fetch: { allowPrivate: true } });
