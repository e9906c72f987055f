/**
 * The append-only audit log of moderator actions (each /article post: asked, confirmed, cancelled,
 * finished, partial with what is missing) on every platform. The repository offers no update or
 * delete.
 */
import type { Kysely } from "kysely";
import * as z from "zod";
import { fromIso, Id, iso, Platform } from "./fields.js";
import type { Guard } from "./guard.js";
import type { Tables } from "./tables.js";

export const AUDIT_OUTCOMES = ["asked", "confirmed", "cancelled", "finished", "partial", "failed"] as const;

export const AuditEntrySchema = z.object({
  platform: Platform,
  /** Slack team or Discord guild. */
  workspace: Id,
  channel: Id,
  thread: Id.nullable().default(null),
  actor: Id,
  /** What was done, e.g. "article post". */
  action: z.string().min(1).max(64),
  article: Id.nullable().default(null),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** For "partial": what is missing, e.g. "parts 4–6 of 6 not posted". */
  detail: z.string().max(1000).nullable().default(null),
  at: z.date().default(() => new Date()),
});
export type AuditEntryInput = z.input<typeof AuditEntrySchema>;
export type AuditEntry = z.output<typeof AuditEntrySchema> & { id: number };

export const RECENT_DEFAULT = 10;
const RECENT_MAX = 100;

export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** The newest first: the last `limit` (default 10, at most 100) in one workspace or server. */
  recent(where: { platform: string; workspace: string }, limit?: number): Promise<AuditEntry[]>;
}

export function auditLog(db: Kysely<Tables>, run: Guard): AuditLog {
  return {
    append: (input) =>
      run("append audit entry", async () => {
        const e = AuditEntrySchema.parse(input);
        const { id } = await db
          .insertInto("audit_log")
          .values({ ...e, at: iso(e.at) })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { ...e, id: Number(id) };
      }),

    recent: (where, limit = RECENT_DEFAULT) =>
      run("read audit log", async () => {
        const rows = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("platform", "=", where.platform)
          .where("workspace", "=", where.workspace)
          .orderBy("id", "desc")
          .limit(Math.min(Math.max(1, Math.trunc(limit)), RECENT_MAX))
          .execute();
        return rows.map((r) => ({
          ...r,
          id: Number(r.id),
          outcome: r.outcome as AuditEntry["outcome"],
          at: fromIso(r.at),
        }));
      }),
  };
}
