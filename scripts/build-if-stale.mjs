// Compiles the bot only when a source is newer than the last build: `npm start` runs it before the
// bot, and `npm run register|manifest|invite|article` before their script, so none of them spends
// a full TypeScript build (5-10 s) when nothing changed. Build output goes to stderr, so piped
// answers on stdout stay clean. Plain JavaScript, so it runs before anything is built.
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, root } from "./build.mjs";

const stamp = join(root, "dist", ".tsbuildinfo");
const SOURCES = ["src", "commands", "scripts", "package.json", "tsconfig.json", "tsconfig.build.json"];

/** The newest modification time among the files under `path`, in ms. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Builds when stale; on a failed build says so on stderr and exits 1. */
export async function buildIfStale() {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (Math.max(...SOURCES.map((s) => newest(join(root, s)))) <= built) return;
  if (!(await build())) {
    process.stderr.write("The build failed (see above); fix the error and try again.\n");
    process.exit(1);
  }
  // tsc leaves its build info alone when nothing it emits changed: mark the build as current.
  const now = new Date();
  if (existsSync(stamp)) utimesSync(stamp, now, now);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale();
