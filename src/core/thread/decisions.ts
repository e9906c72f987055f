/**
 * The audit log's view of a preview: each press that decides one (Post: confirmed; Cancel:
 * cancelled) is recorded beside the `asked` entry answer() wrote, with the same platform,
 * workspace, channel and moderator. A record that cannot be written is logged; the press itself
 * goes ahead (the post's own finished/partial entry follows it).
 */
import type { Logger } from "../../runtime/log.js";
import { type ModeratorRecords, RecordsUnavailable } from "../records.js";
import type { OnDecision } from "./confirm.js";

export function recordDecisions(records: ModeratorRecords, log: Logger, article: string): OnDecision {
  return (decision, who, plan, where) => {
    // "asked" is recorded when the plan leaves answer(), for previews and direct posts alike.
    if (decision === "asked" || where.workspace === undefined || where.channel === undefined) return;
    const event = {
      platform: where.platform,
      workspace: where.workspace,
      channel: where.channel,
      actor: who.id,
      action: "article post",
      article: article.slice(0, 200),
      outcome: decision,
      ...(plan.channel ? { detail: `into ${plan.channel}`.slice(0, 200) } : {}),
    };
    records.record(event).catch((error: unknown) => {
      const fields = { platform: where.platform, outcome: decision };
      if (error instanceof RecordsUnavailable)
        log.warn({ ...fields, cause: error.message }, "could not record a preview press");
      else log.error({ ...fields, err: error }, "could not record a preview press");
    });
  };
}
