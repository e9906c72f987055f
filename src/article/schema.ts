import * as z from "zod";

/** data/article.json: what we wrote about the article. Anything quoted is exact article text. */
function makeArticleData() {
  const text = z.string().trim().min(1);
  const cited = z.object({
    text,
    /** Body paragraph numbers (¶) the statement rests on. */
    cites: z.array(z.number().int().positive()).min(1),
  });
  return z
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
}

let made: ReturnType<typeof makeArticleData> | undefined;
/** The schema, made on first use: an article loaded from the build's snapshot is not checked again. */
export const articleData = () => (made ??= makeArticleData());

export type ArticleData = z.infer<ReturnType<typeof makeArticleData>>;
