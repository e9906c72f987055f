import type { webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.js";
import type { Logger } from "../../log.js";

export type ModeratorCheck = (userId: string) => Promise<boolean>;

/**
 * Moderators are the users listed in SLACK_MODERATOR_IDS and, unless SLACK_ADMINS_ARE_MODERATORS
 * is false, the workspace's admins and owners as users.info reports them. Asked afresh each time,
 * so a demoted admin loses access at once; only moderator-only commands ask.
 */
export function moderatorCheck(
  config: Pick<SlackConfig, "moderatorIds" | "adminsAreModerators">,
  client: webApi.WebClient,
  log: Logger,
): ModeratorCheck {
  const listed = new Set(config.moderatorIds);
  return async (userId) => {
    if (listed.has(userId)) return true;
    if (!config.adminsAreModerators) return false;
    try {
      const { user } = await client.users.info({ user: userId });
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      // Refusing is the safe answer when Slack cannot say; the log says why.
      log.warn({ err: error, user: userId }, "could not check whether a Slack user is a workspace admin");
      return false;
    }
  };
}
