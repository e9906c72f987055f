/**
 * A replica adding articles, for the articles tests, on the compiled code (vitest's global setup
 * builds dist/ first): reads a JSON list of snapshots on stdin, waits for START_AT (so replicas
 * start together), adds them all at once and prints the shelf's answers as one JSON line.
 */
import { text } from "node:stream/consumers";
import pino from "pino";
import { openDatabase, stateSettings } from "../../dist/src/state/index.js";

const snapshots = JSON.parse(await text(process.stdin));
const store = await openDatabase(stateSettings(process.env), pino({ level: "silent" }));
const startAt = Number(process.env.START_AT ?? 0);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
try {
  const results = await Promise.all(snapshots.map((s) => store.articles.add(s)));
  process.stdout.write(
    `${JSON.stringify(results.map((r) => ({ name: r.snapshot.name, created: r.created })))}\n`,
  );
} finally {
  await store.close();
}
