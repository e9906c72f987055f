/**
 * Each shard's gateway session as its process last reported it (child.ts), kept by the manager so
 * that the process it respawns for a shard that died RESUMEs that session (resume.ts) rather than
 * identifying afresh: the events Discord sent the shard meanwhile are replayed, not lost.
 *
 * Kept in this process's memory only. A manager started again (after a crash, a deploy, SIGKILL of
 * the whole set) begins with none, and its shards identify afresh: a session outlives neither its
 * connection's process for long (Discord keeps it a few minutes) nor the cache it belongs to, and
 * nothing written to disk could say whether another machine resumed it since.
 */
import type { Shard } from "discord.js";
import { HANDOVER_ENV } from "./child.js";
import { type Handover, type ReadyFacts, ReadyMessage, type Session, SessionMessage } from "./messages.js";

export class ShardSessions {
  private readonly sessions = new Map<number, Session>();
  private readonly ready = new Map<number, ReadyFacts>();

  /** Takes a shard's report of its session; false when the message is not one. */
  heard(shardId: number, message: unknown): boolean {
    const session = SessionMessage.safeParse(message);
    if (session.success) {
      const info = session.data.botSession;
      // A session reported for another shard is not this shard's to resume.
      if (info && info.shardId === shardId) this.sessions.set(shardId, info);
      else this.sessions.delete(shardId);
      return true;
    }
    const ready = ReadyMessage.safeParse(message);
    if (ready.success) this.ready.set(shardId, ready.data.botReady);
    return ready.success;
  }

  /** What the shard's next process resumes with, when its previous one had a session. */
  handover(shardId: number): Handover | undefined {
    const session = this.sessions.get(shardId);
    const ready = this.ready.get(shardId);
    return session && ready ? { session, ready } : undefined;
  }

  /**
   * Sets the environment of the shard's next process: the session to resume, or none (a first
   * start: never one from the environment the manager itself was started with).
   */
  prepare(shard: Shard, resume: boolean): void {
    const env = shard.env as Record<string, string | undefined>;
    const handover = resume ? this.handover(shard.id) : undefined;
    if (handover) env[HANDOVER_ENV] = JSON.stringify(handover);
    else delete env[HANDOVER_ENV];
  }
}
