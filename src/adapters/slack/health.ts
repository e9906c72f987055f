/**
 * The Slack adapter's AdapterHealth: its own phase while it stops, else the Socket Mode
 * connection's state (HTTP mode has no connection to lose: ready while it listens).
 */
import type { AdapterHealth } from "../contract.js";

export type Phase = "ready" | "stopping" | "stopped";

export const slackHealth = (phase: Phase, connection: (() => AdapterHealth) | undefined): AdapterHealth =>
  phase === "ready" ? (connection?.() ?? { state: "ready" }) : { state: phase };
