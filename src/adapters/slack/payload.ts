/**
 * A slash command's payload read totally: Bolt hands over whatever the request held, so a form key
 * sent twice arrives as an array and a JSON body may carry numbers or objects. Each field the
 * adapter uses is checked to be one string; anything else is a short error for the member (and the
 * command does not run), never a throw before the ack.
 */
import { echo } from "../../core/echo.js";

/** The fields of a slash command the adapter reads, each a single string. */
export interface CommandPayload {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  /** The workspace; part of the key that keeps one thread post per target at a time. */
  team_id: string;
  response_url: string | undefined;
}

export type ReadPayload = { ok: true; payload: CommandPayload } | { ok: false; error: string; field: string };

const REQUIRED = ["command", "user_id", "channel_id"] as const;
const OPTIONAL = ["text", "user_name", "team_id", "response_url"] as const;

/** The payload's fields, or which one is malformed and how. */
export function readPayload(raw: unknown): ReadPayload {
  const body = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string | undefined> = {};
  for (const key of [...REQUIRED, ...OPTIONAL]) {
    const value = body[key];
    const required = (REQUIRED as readonly string[]).includes(key);
    if (typeof value === "string") fields[key] = value;
    else if (value === undefined && !required) fields[key] = undefined;
    else return { ok: false, field: key, error: malformed(key, value) };
  }
  return {
    ok: true,
    payload: {
      command: fields.command ?? "",
      text: fields.text ?? "",
      user_id: fields.user_id ?? "",
      user_name: fields.user_name ?? "",
      channel_id: fields.channel_id ?? "",
      team_id: fields.team_id ?? "",
      response_url: fields.response_url,
    },
  };
}

function malformed(key: string, value: unknown): string {
  const what = Array.isArray(value)
    ? `came ${value.length} times`
    : value === undefined
      ? "was missing"
      : `was ${echo(typeof value, 12)}, not text`;
  return `That command arrived malformed: “${key}” ${what}. Nothing was run; please type it again.`;
}
