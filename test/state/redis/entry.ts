/** A preview as Slack leaves it waiting (plain data), for the shared-state tests. */
import type { PendingPost } from "../../../src/core/thread/confirm.js";

export function pendingEntry(owner: string, expires: number): PendingPost {
  return {
    plan: {
      kind: "thread",
      threadTitle: "T",
      header: { kind: "message", visibility: "public", blocks: [] },
      body: [],
      closing: "",
      suggest: [],
    },
    owner: { id: owner, name: `name-${owner}` },
    target: {
      payload: { channel_id: "C1", team_id: "T1", user_id: owner },
      context: { command: "article post" },
    },
    where: { workspace: "T1", channel: "C1" },
    expires,
  };
}
