/**
 * Which thread holds which article in a channel and how many of its parts are posted, so a re-run
 * or a second moderator finds the thread without guessing from titles.
 */
import type { Kysely } from "kysely";
import * as z from "zod";
import { fromIso, Id, iso, Platform } from "./fields.js";
import type { Guard } from "./guard.js";
import type { Tables } from "./tables.js";

export const ThreadKeySchema = z.object({ platform: Platform, workspace: Id, channel: Id, article: Id });
export type ThreadKey = z.infer<typeof ThreadKeySchema>;

export const ThreadPostSchema = ThreadKeySchema.extend({
  threadId: Id,
  partsPosted: z.number().int().min(0).max(10_000),
  partsTotal: z.number().int().min(0).max(10_000),
}).refine((t) => t.partsPosted <= t.partsTotal, { message: "partsPosted cannot exceed partsTotal" });
export type ThreadPost = z.infer<typeof ThreadPostSchema> & { updatedAt: Date };

export interface ThreadPosts {
  /** Insert, or update the thread and counts of the one already recorded for this key. */
  record(post: z.infer<typeof ThreadPostSchema>): Promise<void>;
  find(key: ThreadKey): Promise<ThreadPost | undefined>;
}

export function threadPosts(db: Kysely<Tables>, run: Guard): ThreadPosts {
  return {
    record: (input) =>
      run("record thread post", async () => {
        const p = ThreadPostSchema.parse(input);
        const changes = {
          thread_id: p.threadId,
          parts_posted: p.partsPosted,
          parts_total: p.partsTotal,
          updated_at: iso(new Date()),
        };
        await db
          .insertInto("thread_posts")
          .values({
            platform: p.platform,
            workspace: p.workspace,
            channel: p.channel,
            article: p.article,
            ...changes,
          })
          .onConflict((oc) =>
            oc.columns(["platform", "workspace", "channel", "article"]).doUpdateSet(changes),
          )
          .execute();
      }),

    find: (input) =>
      run("find thread post", async () => {
        const k = ThreadKeySchema.parse(input);
        const r = await db
          .selectFrom("thread_posts")
          .selectAll()
          .where("platform", "=", k.platform)
          .where("workspace", "=", k.workspace)
          .where("channel", "=", k.channel)
          .where("article", "=", k.article)
          .executeTakeFirst();
        if (!r) return undefined;
        return {
          ...k,
          threadId: r.thread_id,
          partsPosted: r.parts_posted,
          partsTotal: r.parts_total,
          updatedAt: fromIso(r.updated_at),
        };
      }),
  };
}
