/**
 * What the core remembers about moderator actions, as the core sees it: an append-only record of
 * each step of an `/article post` (asked, confirmed, cancelled, finished, partial, failed) and the
 * last few of a workspace or server for `/article history`. The core defines the interface; the
 * durable store implements it (src/state/records.ts) and main.ts connects the two, so nothing in
 * the core knows which database, or whether there is one.
 */

export const MODERATOR_OUTCOMES = [
  "asked",
  "confirmed",
  "cancelled",
  "finished",
  "partial",
  "failed",
] as const;
export type ModeratorOutcome = (typeof MODERATOR_OUTCOMES)[number];

/** Where a command ran: the workspace (Slack team) or server (Discord guild), channel and thread. */
export interface Where {
  workspace: string;
  channel: string;
  thread?: string | undefined;
}

/** One step of a moderator action, neutral: any part of the core (or an adapter) can record one. */
export interface ModeratorEvent extends Where {
  platform: string;
  /** The member's platform id. */
  actor: string;
  /** What was done, e.g. "article post". */
  action: string;
  /** The article (its title), when the action concerns one. */
  article?: string | undefined;
  outcome: ModeratorOutcome;
  /** For "partial": what is missing, e.g. "parts 4–6 of 6 not posted"; for "failed": why. */
  detail?: string | undefined;
  /** Default: now. */
  at?: Date;
}

export type RecordedEvent = Required<Pick<ModeratorEvent, "at">> & ModeratorEvent & { id: number };

export interface ModeratorRecords {
  /** Appends the event; rejects with RecordsUnavailable when the records cannot be written now. */
  record(event: ModeratorEvent): Promise<void>;
  /** The newest first: the last `limit` (default 10) in one workspace or server of a platform. */
  history(where: { platform: string; workspace: string }, limit?: number): Promise<RecordedEvent[]>;
}

/** The records cannot be read or written right now; `message` says so to the moderator. */
export class RecordsUnavailable extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "RecordsUnavailable";
  }
}

/** The one short note a moderator gets when a moderator action cannot be recorded. */
export const unavailableNote = (error: unknown, what: string): string =>
  `${error instanceof RecordsUnavailable ? error.message : "The moderator records could not be used just now; try again shortly."} ${what}`;
