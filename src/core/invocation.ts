/** A platform event made neutral: the only thing the core ever learns about who asked, and where. */

import type { Where } from "./records.js";

/** "console", "discord", "slack", or any other adapter's name. */
export type Platform = string;

export interface Invocation {
  command: string;
  subcommand?: string | undefined;
  /** Raw option values as the platform gave them; the command's schema validates them. */
  options: Record<string, unknown>;
  user: { id: string; name?: string | undefined };
  platform: Platform;
  /** Where it was asked, for the moderator records (absent: nothing is recorded). */
  where?: Where | undefined;
  /**
   * Whether the member may moderate here. The core asks only for moderator commands, since it may
   * cost a platform call (Slack's users.info); it throws AccessUnknown when the platform cannot say.
   */
  isModerator(): boolean | Promise<boolean>;
}

/** The platform could not say whether the member is a moderator; `message` says why, to the member. */
export class AccessUnknown extends Error {
  constructor(
    message: string,
    /** The platform's own description of the failure, for the log. */
    readonly detail: string,
  ) {
    super(message);
    this.name = "AccessUnknown";
  }
}
