import * as z from "zod";

const text = z.string().trim().min(1);
const cited = z.object({
  text,
  /** Body paragraph numbers (¶) the statement rests on. */
  cites: z.array(z.number().int().positive()).min(1),
});

/** data/article.json: what we wrote about the article. Anything quoted is exact article text. */
export const ArticleData = z
  .object({
    title: text.max(100),
    speaker: z.object({
      name: text,
      role: text,
      aliases: z.array(text).min(1),
    }),
    /** Exact article text saying where the statement was made. */
    venue: text,
    outlets: z.array(z.object({ name: text, credit: text })).min(1),
    summary: z.object({
      short: z.array(cited).min(1),
      announced: z.array(cited).min(1),
      argued: z.array(cited).min(1),
    }),
    penalties: z.object({
      law: text,
      condition: text,
      items: z.array(z.object({ label: text, text })).min(1),
    }),
    topics: z
      .array(
        z.object({
          name: text.max(100),
          match: z.array(text).min(1),
          aliases: z.array(text.max(100)),
        }),
      )
      .min(1),
  })
  .strict();

export type ArticleData = z.infer<typeof ArticleData>;
