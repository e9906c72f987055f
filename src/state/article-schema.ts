/**
 * What an added article's rows may hold, checked before anything reaches the database: names as
 * the ArticleSnapshot defines them, one-line fields without control characters, ISO times, and
 * a text whose sha256 really is its digest (every span check downstream trusts it).
 */
import { createHash } from "node:crypto";
import * as z from "zod";
import { Id, Platform } from "./fields.js";

/** What the ArticleSnapshot says a name is; SHIPPED_NAME fits it too (a channel may go back to it). */
export const NAME_MAX = 40;
export const ArticleName = z
  .string()
  .max(NAME_MAX)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, "must be lowercase letters, digits and single hyphens");

/** Stored text: the extractor's output, whose only control character is the line break. */
const MAX_TEXT = 6_000_000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
const Line = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");
const Iso = z.iso.datetime({ offset: true });

export const SnapshotSchema = z
  .object({
    name: ArticleName.min(1),
    title: Line(500),
    byline: Line(500).nullable(),
    site: Line(500).nullable(),
    published: Iso.nullable(),
    url: Line(16_384).nullable(),
    text: z
      .string()
      .min(1)
      .max(MAX_TEXT)
      .refine((t) => !CONTROL_BUT_NEWLINE.test(t), "must not contain control characters"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/u, "must be 64 lowercase hex digits"),
    fetchedAt: Iso,
    addedBy: z.object({ platform: Platform, workspace: Id, user: Id }).nullable(),
  })
  .refine((s) => createHash("sha256").update(s.text, "utf8").digest("hex") === s.sha256, {
    message: "sha256 is not the SHA-256 of text",
    path: ["sha256"],
  });
export type Snapshot = z.output<typeof SnapshotSchema>;

export const ChannelSchema = z.object({ platform: Platform, workspace: Id, channel: Id });
