/**
 * Added articles for the command tests, built the way the bot builds them: a page through
 * `extractPage`, its snapshot through `buildAddedArticle`. Two of the labelled news pages
 * (test/article/pages) and a small plain-text article of our own with quotes by two named people,
 * a scare quote, and no byline or site.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildAddedArticle } from "../../src/article/added/build.js";
import { extractPage } from "../../src/article/extract/page.js";
import type { AddedArticle, AnyArticle } from "../../src/article/kinds.js";
import { execute, type Invocation } from "../../src/core/dispatch.js";
import type { Outcome } from "../../src/core/reply.js";
import { commands } from "../support/article.js";

const PAGES = join(import.meta.dirname, "..", "article", "pages");

function build(name: string, body: string, contentType: string, url: string | null): AddedArticle {
  const page = extractPage(body, contentType);
  return buildAddedArticle({
    name,
    title: page.title,
    byline: page.byline,
    site: page.site,
    published: page.published ?? null,
    url,
    text: page.text,
    sha256: createHash("sha256").update(page.text).digest("hex"),
    fetchedAt: "2026-12-02T06:00:00.000Z",
    addedBy: null,
  });
}

const page = (name: string) =>
  build(
    name,
    readFileSync(join(PAGES, name, "source.html"), "utf8"),
    "text/html; charset=utf-8",
    `https://news.example/${name}`,
  );

/** BuzzFeed: quotes by Fiona Parry and Jennifer Mattinson; a site, no byline. */
export const buzzfeed = page("buzzfeed-1");
/** The Washington Post: four speakers, among them "Obama" and "Robert M. Danin". */
export const wapo = page("wapo-2");

/** Ours: a title line, then paragraphs; quotes by Maria Lopez and Tom Becker, a scare quote. */
export const PLAIN_TEXT = `Riverside votes to reopen the old footbridge

The town council of Riverside voted on Tuesday to reopen the old footbridge over the Marl, closed since the spring floods damaged two of its piers. Repairs will cost about 400,000 euros and should take until March.

“We promised people that the bridge would come back, and tonight we kept that promise,” said Maria Lopez, the town's mayor. She added that the council would publish every invoice of the work online.

Not everyone was convinced. Tom Becker, who runs the bakery by the old bridge, said the plan came far too late for the shops on the east bank. “Half of my customers simply stopped coming when the bridge closed,” Becker said.

Opponents called the repair plan a “miracle” of optimism, since the engineers' first report had warned that the piers might need to be rebuilt entirely. The council answered that a second survey in October found the foundations sound.

“Nobody should pay for a bridge twice, so we checked it twice,” Lopez said at the end of the meeting. The work begins next month, and the bridge will be closed to cars for good.
`;

/** A plain-text article added from a file: no URL, byline or site. */
export const plainArticle = (name: string, text: string): AddedArticle =>
  build(name, text, "text/plain; charset=utf-8", null);

export const plain = plainArticle("riverside-bridge", PLAIN_TEXT);

/**
 * The command's own answer for `article`, past the checks, as dispatch gives it once it has
 * resolved the article. At 7a84b01 `DispatchDeps.article` is still the curated `Article`; the
 * integrator widens it to `AnyArticle`, and then this cast goes.
 */
export function runOn(
  article: AnyArticle,
  command: string,
  options: Record<string, unknown> = {},
  extra: Partial<Invocation> = {},
): Outcome {
  return execute(
    { command, options, ...extra },
    {
      article,
      commands,
    },
  );
}
