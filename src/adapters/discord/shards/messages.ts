/**
 * The messages between the manager (manager.ts) and a shard process (child.ts) over the IPC channel
 * discord.js's ShardingManager opens, beside discord.js's own: the shard's health, its gateway
 * session (what a respawned process needs to RESUME it: resume.ts), a request for its metrics and
 * the answer, and the manager's "stop". Whatever arrives is checked before it is believed.
 */
import * as z from "zod";
import type { AdapterHealth } from "../../contract.js";

export interface HealthMessage {
  botHealth: AdapterHealth;
}
export const STOP_MESSAGE = { botStop: true } as const;

export const isHealthMessage = (m: unknown): m is HealthMessage =>
  typeof m === "object" && m !== null && typeof (m as HealthMessage).botHealth?.state === "string";

export const isStopMessage = (m: unknown): boolean =>
  typeof m === "object" && m !== null && (m as typeof STOP_MESSAGE).botStop === true;

/** @discordjs/ws's SessionInfo: what a RESUME needs, and the shard it belongs to. */
const Session = z.object({
  sessionId: z.string().min(1).max(200),
  sequence: z.number().int().min(0),
  shardId: z.number().int().min(0),
  shardCount: z.number().int().min(1),
  resumeURL: z.string().min(1).max(2_000),
});
export type Session = z.infer<typeof Session>;

/**
 * What READY told the previous process and a RESUME does not repeat: the bot's user, its
 * application, and the shard's guilds (kept up to date from GUILD_CREATE and GUILD_DELETE).
 */
const ReadyFacts = z.object({
  user: z.looseObject({ id: z.string().regex(/^\d{1,20}$/u), username: z.string() }),
  application: z.looseObject({ id: z.string().regex(/^\d{1,20}$/u) }),
  guilds: z.array(z.string().regex(/^\d{1,20}$/u)),
});
export type ReadyFacts = z.infer<typeof ReadyFacts>;

/** The session and what READY said: a respawned shard process resumes with this (resume.ts). */
export const Handover = z.object({ session: Session, ready: ReadyFacts });
export type Handover = z.infer<typeof Handover>;

/** The shard's session changed (null: it ended, and the next process must identify afresh). */
export const SessionMessage = z.object({ botSession: Session.nullable() });
export const ReadyMessage = z.object({ botReady: ReadyFacts });

/** The manager asks for the shard's metrics (prom-client's getMetricsAsJSON) for GET /metrics. */
export const MetricsRequest = z.object({ botMetricsRequest: z.number().int() });
export const MetricsReply = z.object({ botMetrics: z.number().int(), metrics: z.array(z.unknown()) });
