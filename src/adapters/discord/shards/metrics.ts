/**
 * The shard processes' own metrics for the manager's GET /metrics: commands are counted where they
 * are answered, in the shard processes, and the manager serves the only HTTP server. Each live
 * shard is asked over IPC for prom-client's getMetricsAsJSON(); one that does not answer within a
 * short time (stopped, busy, dying) is left out of that scrape, so it cannot hang the scrape.
 */
import type { Shard } from "discord.js";
import { MetricsReply } from "./messages.js";

/** A shard's answer is a few hundred lines of JSON: well under this even on a loaded machine. */
const ANSWER_MS = 1_000;

export class ShardMetrics {
  private next = 0;
  private readonly waiting = new Map<number, (metrics: unknown[]) => void>();

  /** Takes a shard's answer; false when the message is not one. */
  heard(message: unknown): boolean {
    const reply = MetricsReply.safeParse(message);
    if (!reply.success) return false;
    this.waiting.get(reply.data.botMetrics)?.(reply.data.metrics);
    return true;
  }

  /** Every live shard's metrics (one getMetricsAsJSON() result each) that arrived in time. */
  async collect(shards: Iterable<Shard>): Promise<unknown[][]> {
    const asked = [...shards].filter((shard) => shard.process?.connected).map((shard) => this.ask(shard));
    return (await Promise.all(asked)).filter((m): m is unknown[] => m !== undefined);
  }

  private ask(shard: Shard): Promise<unknown[] | undefined> {
    const id = this.next++;
    return new Promise((resolve) => {
      const done = (metrics: unknown[] | undefined) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(metrics);
      };
      const timer = setTimeout(() => done(undefined), ANSWER_MS);
      this.waiting.set(id, done);
      shard.send({ botMetricsRequest: id }).catch(() => done(undefined));
    });
  }
}
