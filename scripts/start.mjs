// `npm start`: compiles the bot only when a source is newer than the last build
// (build-if-stale.mjs), then runs it in this same process (no second Node start-up).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./build.mjs";
import { buildIfStale } from "./build-if-stale.mjs";

await buildIfStale();
await import(pathToFileURL(join(root, "dist", "src", "main.js")).href);
