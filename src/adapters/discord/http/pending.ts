/**
 * /article post previews shared by replicas (REDIS_URL) in HTTP mode, where a Post press may reach
 * another replica than the command did. The gateway's preview holds the live interaction; here it
 * is stored as plain data (the command's raw payload, where the post goes, the log's fields) and
 * rebuilt on the replica the press reaches, whose client then edits the same deferred reply.
 */
import type { Client } from "discord.js";
import type { PendingPost, PendingPosts } from "../../../core/thread/confirm.js";
import type { Logger } from "../../../runtime/log.js";
import { BOT_PERMISSIONS } from "../access.js";
import type { PostRequest } from "../confirm.js";
import type { RawInteraction } from "./endpoint.js";
import { reviveDeferredCommand } from "./interactions.js";

interface Stored {
  raw: RawInteraction;
  target: Omit<PostRequest["target"], "needs"> & { needs: string[] };
  log: Record<string, unknown>;
}

export interface PortableOptions {
  client: Client;
  /** The raw payload each live interaction was built from. */
  raws: WeakMap<object, RawInteraction>;
  /** The bot's root log: a revived request logs with the fields the command's did. */
  log: Logger;
}

export function portablePending(shared: PendingPosts, options: PortableOptions): PendingPosts {
  return {
    put(id, entry) {
      const request = entry.target as PostRequest;
      const raw = options.raws.get(request.interaction);
      if (!raw) throw new Error("the preview's interaction has no payload to share");
      const { needs, ...target } = request.target;
      const stored: Stored = {
        raw,
        target: { ...target, needs: needs.map((n) => n.name) },
        log: request.log.bindings(),
      };
      return shared.put(id, { ...entry, target: stored });
    },
    async take(id, user, now) {
      const taken = await shared.take(id, user, now);
      return taken.kind === "taken" ? { kind: "taken", entry: revive(taken.entry, options) } : taken;
    },
    drop: (id) => shared.drop(id),
  } satisfies PendingPosts;
}

function revive(entry: PendingPost, options: PortableOptions): PendingPost<PostRequest> {
  const stored = entry.target as Stored;
  const request: PostRequest = {
    interaction: reviveDeferredCommand(options.client, stored.raw),
    plan: entry.plan,
    target: {
      ...stored.target,
      needs: BOT_PERMISSIONS.filter((p) => stored.target.needs.includes(p.name)),
    } as PostRequest["target"],
    log: options.log.child(stored.log),
  };
  return { ...entry, target: request };
}
