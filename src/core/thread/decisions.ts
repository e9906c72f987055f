/**
 * The audit log's view of a preview: each press that decides one (Post: confirmed; Cancel:
 * cancelled) is recorded beside the `asked` entry answer() wrote, with the same platform,
 * workspace, channel and moderator. A record that cannot be written is logged; the press itself
 * goes ahead (the post's own finished/partial entry follows it).
 */
import type { Logger } from "../../runtime/log.js";
import {
  type ModeratorEvent,
  type ModeratorOutcome,
  type ModeratorRecords,
  RecordsUnavailable,
  type Where,
} from "../records.js";
import type { ThreadPlan } from "../reply.js";
import type { OnDecision } from "./confirm.js";

/** One step of an /article post as the audit log keeps it: who, where, the article, the target. */
export function postStep(
  step: { platform: string; where: Where; actor: string; article: string; outcome: ModeratorOutcome },
  plan: ThreadPlan,
): ModeratorEvent {
  return {
    platform: step.platform,
    ...step.where,
    actor: step.actor,
    action: "article post",
    article: step.article.slice(0, 200),
    outcome: step.outcome,
    ...(plan.channel ? { detail: `into ${plan.channel}`.slice(0, 200) } : {}),
  };
}

export function recordDecisions(records: ModeratorRecords, log: Logger, article: string): OnDecision {
  return (decision, who, plan, where) => {
    // "asked" is recorded when the plan leaves answer(), for previews and direct posts alike.
    if (decision === "asked" || where.workspace === undefined || where.channel === undefined) return;
    const { platform, workspace, channel } = where;
    const event = postStep(
      // The plan's header is titled with its own article's title (an added one, too).
      {
        platform,
        where: { workspace, channel },
        actor: who.id,
        article: plan.header.title ?? article,
        outcome: decision,
      },
      plan,
    );
    records.record(event).catch((error: unknown) => {
      const fields = { platform: where.platform, outcome: decision };
      if (error instanceof RecordsUnavailable)
        log.warn({ ...fields, cause: error.message }, "could not record a preview press");
      else log.error({ ...fields, err: error }, "could not record a preview press");
    });
  };
}
