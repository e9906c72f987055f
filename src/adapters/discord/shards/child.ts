/**
 * The shard process's side of the manager's IPC channel. It reports its health whenever it changes
 * (the manager's /healthz shows it per shard id), stops gracefully when the manager says so, and
 * stops on its own when the manager is gone: nobody would respawn it or report it any more, and a
 * manager started again would connect the same shard twice.
 */
import type { AdapterHealth, RunningAdapter } from "../../contract.js";

/** How often the shard looks for a change in its health: /healthz lags by at most this. */
const REPORT_MS = 200;

/** The messages between the manager and a shard process, beside discord.js's own. */
export interface HealthMessage {
  botHealth: AdapterHealth;
}
export const STOP_MESSAGE = { botStop: true } as const;

export const isHealthMessage = (m: unknown): m is HealthMessage =>
  typeof m === "object" && m !== null && typeof (m as HealthMessage).botHealth?.state === "string";

export function reportToManager(running: RunningAdapter): RunningAdapter {
  let last = "";
  const report = () => {
    const now = JSON.stringify(running.health());
    if (now === last || !process.connected) return;
    last = now;
    process.send?.({ botHealth: JSON.parse(now) });
  };
  const timer = setInterval(report, REPORT_MS);
  timer.unref();
  report();
  // The stop main.ts does on SIGTERM. Emitted rather than sent as a signal: when the operator
  // signalled the whole process group this process has its SIGTERM already, and a second real one
  // would end it before its commands in flight have finished.
  const stop = () => void process.emit("SIGTERM", "SIGTERM");
  process.on("message", (m: unknown) => {
    if (typeof m === "object" && m !== null && (m as typeof STOP_MESSAGE).botStop === true) stop();
  });
  process.once("disconnect", stop);
  return {
    ...running,
    async stop() {
      await running.stop();
      report();
      clearInterval(timer);
    },
  };
}
