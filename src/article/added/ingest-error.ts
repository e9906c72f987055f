/**
 * Why a link or file did not become an article (ingest.ts): one class for every failure, so a
 * caller catches one thing and shows `message`, one sentence, as it is. Its own small file so the
 * CLI can recognise it without loading the fetch and extraction code.
 */
import type { ExtractError } from "../extract/page.js";
import type { RefusalReason } from "../fetch/refused.js";

export type IngestReason =
  | RefusalReason // the fetch rules refused the link (FetchRefused)
  | ExtractError["reason"] // no article body, or too short
  | "file-type" // not .html, .htm or .txt
  | "file-missing"
  | "file-unreadable" // not a regular file, or permission denied
  | "file-too-large"
  | "file-binary"
  | "failed"; // anything unforeseen (the cause is kept for the log)

/** `message` is one sentence for a moderator or the operator, to show as it is. */
export class IngestError extends Error {
  constructor(
    readonly reason: IngestReason,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = "IngestError";
  }
}
