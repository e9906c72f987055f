/**
 * ingest: a link (served from 127.0.0.1 with a labelled news page as its body) or an operator's
 * file becomes the snapshot the shelf stores, named by its title; every way it can fail is one
 * IngestError with one short sentence and no control characters. Also the slug rules.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { IngestError, type IngestReason, ingest } from "../../src/article/added/ingest.js";
import { FALLBACK_SLUG, SLUG_MAX, slugify } from "../../src/article/added/slug.js";
import { extractPage } from "../../src/article/extract/page.js";
import type { AddedBy } from "../../src/article/kinds.js";
import { usePageServer } from "./fetch-server.js";

const site = usePageServer();
const local = { allowPrivate: true };
const moderator: AddedBy = { platform: "discord", workspace: "G1", user: "M1" };
const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const PAGES = join(import.meta.dirname, "pages");
const bbcPath = join(PAGES, "bbc-1", "source.html");
const bbc = readFileSync(bbcPath);
const guardian = readFileSync(join(PAGES, "guardian-1", "source.html"));

const dir = mkdtempSync(join(tmpdir(), "ingest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const html = (body: Buffer | string) => (_req: unknown, res: import("node:http").ServerResponse) =>
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);

/** 200 words of prose in paragraphs, with a short title line first. */
const PROSE = Array.from(
  { length: 8 },
  (_, i) =>
    `Paragraph ${i + 1} tells how the council met on Tuesday and agreed, after a long debate, that the new library will open in spring next year.`,
).join("\n\n");

/** The IngestError `ingesting` ends in, after checking the rule every refusal follows. */
async function refusal(ingesting: Promise<unknown>, reason: IngestReason): Promise<string> {
  const error = await ingesting.then(
    () => expect.unreachable("ingest should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const { message } = error as IngestError;
  expect({ reason: (error as IngestError).reason, message }).toMatchObject({ reason });
  expect(message).not.toMatch(/\p{Cc}/u);
  expect(message).not.toMatch(/[.!?]\s+\p{Lu}/u); // one sentence
  expect(message).toMatch(/[.]$/u);
  expect(message.length).toBeLessThanOrEqual(300);
  return message;
}

describe("ingest from a link", () => {
  it("makes the snapshot of a real news page: its text, digest, name, source and who added it", async () => {
    site.route("/news/obama-guns", html(bbc));
    const before = Date.now();
    const got = await ingest(`  ${site.url("/news/obama-guns")} `, { addedBy: moderator, fetch: local });
    const page = extractPage(bbc.toString("utf8"));
    expect(got).toEqual({
      name: "obama-admits-us-gun-laws",
      title: page.title,
      byline: page.byline,
      site: page.site ?? "127.0.0.1",
      published: page.published ?? null,
      url: site.url("/news/obama-guns"),
      text: page.text,
      sha256: sha(page.text),
      fetchedAt: got.fetchedAt,
      addedBy: moderator,
    });
    expect(got.title).toMatch(/^Obama admits US gun laws are his 'biggest frustration'/u);
    expect(got.text.split("\n\n").length).toBeGreaterThan(5);
    expect(Date.parse(got.fetchedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(new Date(got.fetchedAt).toISOString()).toBe(got.fetchedAt);
  });

  it("stores where the page was fetched from after redirects, and names the site by its host when the page does not", async () => {
    site.route("/whales", html(guardian));
    site.route("/short-link", (_req, res) => res.writeHead(302, { location: "/whales" }).end());
    const got = await ingest(site.url("/short-link"), { addedBy: null, fetch: local });
    expect(got.url).toBe(site.url("/whales"));
    expect(got.addedBy).toBeNull();
    site.route("/plain", (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/plain; charset=utf-8" })
        .end(`Library to open in spring\n\n${PROSE}\n`),
    );
    const plain = await ingest(site.url("/plain"), { addedBy: moderator, fetch: local });
    expect(plain).toMatchObject({
      name: "library-to-open-in-spring",
      title: "Library to open in spring",
      site: "127.0.0.1",
    });
    expect(plain.text).toBe(PROSE);
  });

  it("refuses what the fetch rules refuse, in their one sentence", async () => {
    expect(await refusal(ingest("ftp://example.org/story.html", { addedBy: moderator }), "scheme")).toMatch(
      /^Could not fetch ftp:\/\/example\.org\/story\.html: .*only http:\/\/ and https:\/\/ links are fetched\.$/u,
    );
    expect(
      await refusal(ingest(site.url("/missing"), { addedBy: moderator, fetch: local }), "status"),
    ).toMatch(/HTTP status 404/u);
    // Without ARTICLE_FETCH_ALLOW_PRIVATE, 127.0.0.1 is out of bounds; nothing reaches the server.
    site.route("/private", html(bbc));
    await refusal(ingest(site.url("/private"), { addedBy: moderator }), "address");
    expect(site.seen("/private")).toHaveLength(0);
    const hostile = await refusal(
      ingest(site.url(`/\u001b[2J${"a".repeat(3000)}`), { addedBy: moderator, fetch: local }),
      "url",
    );
    expect(hostile).toContain("␛");
    // A chat command never reads files: a path is just a malformed link there.
    await refusal(ingest(bbcPath, { addedBy: moderator }), "url");
  });

  it("refuses a page with no article body, or too short a one, saying why", async () => {
    site.route(
      "/menu",
      html("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"),
    );
    expect(await refusal(ingest(site.url("/menu"), { addedBy: moderator, fetch: local }), "no-body")).toMatch(
      /^No article text could be found on that page/u,
    );
    site.route(
      "/brief",
      html(
        "<html><body><article><p>The council met on Tuesday and agreed to open the library in spring.</p></article></body></html>",
      ),
    );
    expect(
      await refusal(ingest(site.url("/brief"), { addedBy: moderator, fetch: local }), "too-short"),
    ).toMatch(/has 13 words, fewer than the 150 needed/u);
  });
});

describe("ingest from the operator's file", () => {
  const asOperator = { addedBy: null, allowFiles: true } as const;

  it("reads .html, .htm and .txt files by their extension, with no link", async () => {
    const got = await ingest(bbcPath, asOperator);
    const page = extractPage(bbc.toString("utf8"));
    expect(got).toMatchObject({
      name: "obama-admits-us-gun-laws",
      url: null,
      text: page.text,
      sha256: sha(page.text),
      addedBy: null,
    });
    expect(got.site).toBe(page.site);
    expect((await ingest(file("copy.HTM", guardian), asOperator)).text).toBe(
      extractPage(guardian.toString("utf8")).text,
    );
    const text = await ingest(file("notes.txt", `Zürich’s new library\r\n\r\n${PROSE}`), asOperator);
    expect(text).toMatchObject({
      name: "zurichs-new-library",
      title: "Zürich’s new library",
      site: null,
      url: null,
      text: PROSE,
    });
  });

  it("refuses other files, in one sentence naming the file", async () => {
    expect(await refusal(ingest(file("notes.md", PROSE), asOperator), "file-type")).toMatch(
      /\.html, \.htm or \.txt file/u,
    );
    expect(await refusal(ingest(join(dir, "absent.html"), asOperator), "file-missing")).toMatch(
      /^There is no file at /u,
    );
    mkdirSync(join(dir, "folder.html"));
    await refusal(ingest(join(dir, "folder.html"), asOperator), "file-unreadable");
    const big = file("big.txt", "");
    truncateSync(big, 5 * 1024 * 1024 + 1);
    expect(await refusal(ingest(big, asOperator), "file-too-large")).toMatch(/larger than 5 MB/u);
    await refusal(
      ingest(file("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), asOperator),
      "file-binary",
    );
    const short = await refusal(
      ingest(file("short.txt", "Too short to be an article, really."), asOperator),
      "too-short",
    );
    expect(short).toMatch(/check that .*short\.txt holds the full article\.$/u);
    expect(await refusal(ingest(file("menu.html", "<nav>Home About</nav>"), asOperator), "no-body")).toMatch(
      /^No article text could be found in .*menu\.html; check that it holds the article itself\.$/u,
    );
  });
});

describe("slugify", () => {
  it.each([
    ["Obama admits US gun laws are his 'biggest frustration' - BBC News", "obama-admits-us-gun-laws"],
    ["Café owners say “no” to the new plan", "cafe-owners-say-no-to"],
    ["The mayor’s 2027 budget", "the-mayors-2027-budget"],
    ["  --Hello,   World!!  ", "hello-world"],
    ["Supercalifragilisticexpialidocious-antidisestablishmentarianism", "supercalifragilisticexpialidocious"],
    ["Pneumonoultramicroscopicsilicovolcanoconiosis is long", "pneumonoultramicroscopicsilicovolcanocon"],
    ["東京の新しい図書館", FALLBACK_SLUG],
    ["2026", FALLBACK_SLUG],
    ["", FALLBACK_SLUG],
    ["Ökonomie & Zukunft: ÆØÅ ñandú", "okonomie-zukunft-a-nandu"],
  ])("%j → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("always gives a typeable name of at most 40 characters and five words, whatever the title", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "grapheme", maxLength: 120 }), fc.string({ maxLength: 300 })),
        (title) => {
          const slug = slugify(title);
          expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
          expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
          expect(slug.split("-").length).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
