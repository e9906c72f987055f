// The build: TypeScript compiles src/, commands/ and scripts/ into dist/ (every module, for the
// scripts and the tests that import them), then esbuild bundles the bot's entry point over
// dist/src/main.js. Node 20 resolves and compiles each ES module separately, about 0.5 ms apiece,
// and zod alone is some 80 of them (all of its locales): the bundle starts the console about a
// quarter sooner. Packages other than zod stay external, loaded from node_modules as before; the
// adapters stay behind dynamic imports (chunks), so console mode still never loads discord.js or
// Bolt. Plain JavaScript, so it runs before anything is built.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: scripts/ sits in it. */
export const root = dirname(dirname(fileURLToPath(import.meta.url)));
/**
 * The shipped article as the build derives it, read by dist/src/main.js: SNAPSHOT_FILE in
 * src/article/snapshot.ts names it (this script runs before anything is built, so it cannot import it).
 */
const snapshot = join(root, "dist", "src", "article.snapshot.json");
/** Bundled into the entry point; every other dependency is loaded from node_modules. */
const BUNDLED = new Set(["zod"]);

/** Compiles with tsc and bundles the entry point; build errors go to stderr. Returns success. */
export async function build() {
  // A failed build leaves no snapshot of the last one behind.
  rmSync(snapshot, { force: true });
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const compiled = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: ["ignore", 2, 2],
  });
  if (compiled.status !== 0) return false;
  const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const external = Object.keys(dependencies)
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  const esbuild = await import("esbuild");
  // Chunk names carry a content hash: clear the last build's, or they pile up in dist/.
  rmSync(join(root, "dist", "src", "chunks"), { recursive: true, force: true });
  const result = await esbuild
    .build({
      absWorkingDir: root,
      entryPoints: { main: "src/main.ts" },
      outdir: "dist/src",
      chunkNames: "chunks/[name]-[hash]",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: true,
      external,
      allowOverwrite: true,
      logLevel: "warning",
    })
    .catch(() => undefined);
  if (result === undefined || result.errors.length > 0) return false;
  // In a process of its own, so that it runs the code just built. Data the bot would refuse
  // writes no snapshot: the bot then derives the article at start and says what is wrong.
  spawnSync(process.execPath, [join(root, "dist", "src", "article", "write-snapshot.js"), snapshot], {
    stdio: "ignore",
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && !(await build())) process.exit(1);
