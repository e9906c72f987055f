import type { webApi } from "@slack/bolt";
import type { SlackConfig } from "../../runtime/config.js";
import { describeSlackError, platformErrorCode } from "./api-errors.js";

/** Resolves whether the user may moderate; rejects with ModeratorCheckFailed when Slack cannot say. */
export type ModeratorCheck = (userId: string) => Promise<boolean>;

/** Slack could not say whether a member is a workspace admin: the member is told so, not refused as a non-moderator. */
export class ModeratorCheckFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(`Slack could not say whether you are a workspace admin (${describeSlackError(cause)})`);
    this.name = "ModeratorCheckFailed";
  }
}

/**
 * Moderators are the users listed in SLACK_MODERATOR_IDS and, unless SLACK_ADMINS_ARE_MODERATORS
 * is false, the workspace's admins and owners as users.info reports them. Asked afresh each time,
 * so a demoted admin loses access at once; only moderator-only commands ask.
 */
export function moderatorCheck(
  config: Pick<SlackConfig, "moderatorIds" | "adminsAreModerators">,
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
      throw new ModeratorCheckFailed(error);
    }
  };
}
