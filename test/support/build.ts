import { execFileSync } from "node:child_process";

/** Builds the bot once, as `npm run build` does, so tests start it as `node dist/src/main.js`. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
