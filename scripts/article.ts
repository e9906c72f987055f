/**
 * `npm run article -- add <url | file.html | file.txt>`: the operator adds an article for every
 * workspace and server, into the database the bot uses (STATE_DIR or DATABASE_URL, from the
 * environment or .env), and gets its short name on stdout. `npm run article -- list` shows what
 * is stored. Every failure is one line on stderr and exit status 1; the bot's logs stay silent.
 */
import { IngestError } from "../src/article/added/ingest-error.js";
import { visible } from "../src/core/echo.js";
import { RecordsUnavailable } from "../src/core/records.js";
import type { StateStore } from "../src/state/index.js";

const USAGE = `Usage: npm run article -- add <https://… | file.html | file.txt>
       npm run article -- list
  add   fetches the link (or reads the file), extracts the article and stores it for every
        workspace and server; prints its short name (what /article use takes)
  list  the stored articles, newest first: name, title, site, date fetched (tab-separated)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const source = rest[0];
  const adding = command === "add" && rest.length === 1 && source && !source.startsWith("-");
  if (!adding && !(command === "list" && rest.length === 0)) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  // Loaded only now, so the usage answers at once.
  const { loadEnvFile } = await import("../src/runtime/config.js");
  loadEnvFile();
  return adding ? add(source) : list();
}

async function add(source: string): Promise<number> {
  // Settings first: a malformed variable is reported before the fetch code loads or anything is fetched.
  const [{ stateSettings }, { fetchSettings }] = await Promise.all([
    import("../src/state/index.js"),
    import("../src/article/fetch/settings.js"),
  ]);
  stateSettings(process.env);
  const { allowPrivate } = fetchSettings(process.env);
  const { ingest } = await import("../src/article/added/ingest.js");
  const snapshot = await ingest(source, { addedBy: null, allowFiles: true, fetch: { allowPrivate } });
  return withStore(async (store) => {
    const { snapshot: stored, created } = await store.articles.add(snapshot);
    process.stdout.write(created ? `${stored.name}\n` : `already stored as ${stored.name}\n`);
    return 0;
  });
}

async function list(): Promise<number> {
  return withStore(async (store) => {
    const articles = await store.articles.list(null, 1000);
    if (articles.length === 0) process.stdout.write("No articles added yet.\n");
    for (const a of articles)
      process.stdout.write(
        `${[a.name, a.title, a.site ?? "-", a.fetchedAt.slice(0, 10)].map(visible).join("\t")}\n`,
      );
    return 0;
  });
}

async function withStore(run: (store: StateStore) => Promise<number>): Promise<number> {
  const [{ openDatabase, stateSettings }, { default: pino }] = await Promise.all([
    import("../src/state/index.js"),
    import("pino"),
  ]);
  // Silent: the one line on stderr says what went wrong; log lines would add more.
  const store = await openDatabase(stateSettings(process.env), pino({ level: "silent" }));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** One line for stderr, whatever failed. */
async function oneLine(error: unknown): Promise<string> {
  const { ConfigError } = await import("../src/runtime/config.js");
  if (error instanceof ConfigError) return error.message.replaceAll("\n", " ");
  if (error instanceof IngestError || error instanceof RecordsUnavailable) return error.message;
  const said = error instanceof Error ? error.message : String(error);
  return `The article could not be stored: ${visible(said.replaceAll(/\s+/gu, " ")).slice(0, 300)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    process.stderr.write(`${await oneLine(error)}\n`);
    process.exitCode = 1;
  },
);
