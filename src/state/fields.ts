/** Field schemas the repositories share: bounded, so no caller can store unbounded input. */
import * as z from "zod";

/** A platform id (workspace, guild, channel, thread, user, article): short, no control characters. */
export const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

export const Platform = z.string().min(1).max(32);

/** Times are stored as ISO 8601 UTC strings on both engines. */
export const iso = (date: Date): string => date.toISOString();
export const fromIso = (text: string): Date => new Date(text);
