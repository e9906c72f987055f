/**
 * Each shard's health as the manager sees it: what the shard process last reported (child.ts), or,
 * while it has no process, that it exited and is being respawned.
 */
import type { AdapterHealth } from "../../contract.js";

export class ShardHealth {
  private readonly reports = new Map<number, AdapterHealth>();

  constructor(private readonly ids: readonly number[]) {
    for (const id of ids) this.reports.set(id, { state: "starting" });
  }

  /** A new process for the shard: starting until it says otherwise. */
  spawned(id: number): void {
    this.reports.set(id, { state: "starting" });
  }

  reported(id: number, health: AdapterHealth): void {
    this.reports.set(id, { state: health.state, ...(health.detail ? { detail: health.detail } : {}) });
  }

  exited(id: number, how: string, respawning: boolean): void {
    this.reports.set(
      id,
      respawning
        ? { state: "reconnecting", detail: `the shard's process ${how}; respawning it` }
        : { state: "stopped" },
    );
  }

  /** Every shard by id, as /healthz shows them. */
  all(): Record<string, AdapterHealth> {
    return Object.fromEntries(
      this.ids.map((id) => [String(id), this.reports.get(id) ?? { state: "starting" }]),
    );
  }
}

/** "exited with code 1", "was killed (SIGKILL)". */
export const exitWords = (code: number | null, signal: NodeJS.Signals | null): string =>
  signal ? `was killed (${signal})` : `exited with code ${code ?? "?"}`;
