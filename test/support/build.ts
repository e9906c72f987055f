import { execFileSync } from "node:child_process";

/** Compiles the bot once so tests can start it as `node dist/src/main.js`, as `npm start` does. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
}
