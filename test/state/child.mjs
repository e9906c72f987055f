/**
 * A separate bot process for the state tests, run on the compiled code (vitest's global setup
 * builds dist/ first). `open` opens the database (migrating it) and prints its schema state as JSON;
 * `write` appends audit entries forever, printing each id only after its insert has committed,
 * until it is killed.
 */
import pino from "pino";
import { openDatabase, stateSettings } from "../../dist/src/state/index.js";

// Replicas "starting together": every child waits for the same instant before opening.
const startAt = Number(process.env.START_AT ?? 0);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const store = await openDatabase(stateSettings(process.env), pino({ level: "silent" }));
if (process.argv[2] === "open") {
  process.stdout.write(`${JSON.stringify(store.schema)}\n`);
  await store.close();
} else {
  for (let i = 0; ; i++) {
    const entry = await store.audit.append({
      platform: "console",
      workspace: "W",
      channel: "C",
      actor: "crash-test",
      action: "article post",
      outcome: "finished",
      detail: `write ${i}`,
    });
    process.stdout.write(`${entry.id}\n`);
  }
}
