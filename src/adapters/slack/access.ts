import type { webApi } from "@slack/bolt";
import { AccessUnknown } from "../../core/invocation.js";
import { errorReason, platformErrorCode } from "./errors.js";
import type { SlackSettings } from "./settings.js";

/**
 * Resolves whether the user may moderate; rejects with AccessUnknown when Slack cannot say, so the
 * member is told so rather than refused as a non-moderator.
 */
export type ModeratorCheck = (userId: string) => Promise<boolean>;

/**
 * Moderators are the users listed in SLACK_MODERATOR_IDS and, unless SLACK_ADMINS_ARE_MODERATORS
 * is false, the workspace's admins and owners as users.info reports them. Asked afresh each time,
 * so a demoted admin loses access at once; only moderator-only commands ask.
 */
export function moderatorCheck(
  config: Pick<SlackSettings, "moderatorIds" | "adminsAreModerators">,
  client: webApi.WebClient,
): ModeratorCheck {
  const listed = new Set(config.moderatorIds);
  return async (userId) => {
    if (listed.has(userId)) return true;
    if (!config.adminsAreModerators) return false;
    try {
      const { user } = await client.users.info({ user: userId });
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      // Not a member of this workspace (e.g. from another organisation in a shared channel): no admin here.
      if (platformErrorCode(error) === "user_not_found") return false;
      const detail = errorReason(error);
      throw new AccessUnknown(`Slack could not say whether you are a workspace admin (${detail})`, detail);
    }
  };
}
