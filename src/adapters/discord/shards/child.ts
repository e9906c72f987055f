/**
 * The shard process's side of the manager's IPC channel (messages.ts). It reports its health
 * whenever it changes (the manager's /healthz shows it per shard id) and its gateway session (the
 * manager hands it to the next process of this shard, which resumes it: resume.ts), answers the
 * manager's requests for its metrics (GET /metrics is served by the manager alone), stops
 * gracefully when the manager says so, and stops on its own when the manager is gone: nobody would
 * respawn it or report it any more, and a manager started again would connect the same shard twice.
 */
import type { SessionInfo } from "@discordjs/ws";
import type { BotObserver } from "../../../core/observe.js";
import type { Env } from "../../../runtime/config.js";
import type { Logger } from "../../../runtime/log.js";
import { metricsJson } from "../../../runtime/metrics.js";
import type { AdapterHealth, RunningAdapter } from "../../contract.js";
import { Handover, isStopMessage, MetricsRequest, type ReadyFacts } from "./messages.js";
import type { SessionLink } from "./resume.js";

/** How often the shard looks for a change in its health: /healthz lags by at most this. */
const REPORT_MS = 200;

/** Where the manager puts the session of this shard's previous process (JSON), for a respawn. */
export const HANDOVER_ENV = "BOT_SHARD_HANDOVER";

export interface ManagerLink {
  /** For the client (resume.ts): the inherited session, and where its changes go. */
  sessions: SessionLink;
  /** The running adapter, reporting to the manager and stopping when it says so. */
  attach(running: RunningAdapter): RunningAdapter;
}

const send = (message: unknown): void => {
  if (process.connected) process.send?.(message);
};

export function managerLink(
  env: Env,
  shardId: number,
  observer: BotObserver | undefined,
  log: Logger,
): ManagerLink {
  // Every dispatch moves the sequence on: one message per turn of the event loop carries the latest.
  let session: SessionInfo | null | undefined;
  let ready: (() => ReadyFacts) | undefined;
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (session !== undefined) send({ botSession: session });
    if (ready) send({ botReady: ready() });
    session = undefined;
    ready = undefined;
  };
  const soon = () => {
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  };
  answerMetrics(observer);
  return {
    sessions: {
      inherited: inherited(env, shardId, log),
      session(_shard, info) {
        session = info;
        soon();
      },
      ready(_shard, facts) {
        ready = facts;
        soon();
      },
    },
    attach: (running) => reportToManager(running, flush),
  };
}

/** The handed-over session when it is this shard's and readable; otherwise the shard identifies. */
function inherited(env: Env, shardId: number, log: Logger): Handover | undefined {
  const text = env[HANDOVER_ENV];
  if (!text) return undefined;
  let parsed: ReturnType<typeof Handover.safeParse> | undefined;
  try {
    parsed = Handover.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success && parsed.data.session.shardId === shardId) return parsed.data;
  log.warn("the gateway session handed to this shard process could not be read; identifying afresh");
  return undefined;
}

/** GET /metrics on the manager asks each shard for its own metrics (runtime/metrics.ts merges them). */
function answerMetrics(observer: BotObserver | undefined): void {
  process.on("message", (m: unknown) => {
    const request = MetricsRequest.safeParse(m);
    if (!request.success) return;
    const id = request.data.botMetricsRequest;
    metricsJson(observer).then(
      (metrics) => send({ botMetrics: id, metrics }),
      () => send({ botMetrics: id, metrics: [] }),
    );
  });
}

function reportToManager(running: RunningAdapter, flush: () => void): RunningAdapter {
  let last = "";
  const report = () => {
    const now = JSON.stringify(running.health());
    if (now === last || !process.connected) return;
    last = now;
    send({ botHealth: JSON.parse(now) as AdapterHealth });
  };
  const timer = setInterval(report, REPORT_MS);
  timer.unref();
  report();
  // The stop main.ts does on SIGTERM. Emitted rather than sent as a signal: when the operator
  // signalled the whole process group this process has its SIGTERM already, and a second real one
  // would end it before its commands in flight have finished.
  const stop = () => void process.emit("SIGTERM", "SIGTERM");
  process.on("message", (m: unknown) => {
    if (isStopMessage(m)) stop();
  });
  process.once("disconnect", stop);
  return {
    ...running,
    async stop() {
      await running.stop();
      // The session closed with the connection: the manager forgets it before this process exits.
      flush();
      report();
      clearInterval(timer);
    },
  };
}
