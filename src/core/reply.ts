/**
 * The neutral answer every command returns. Adapters render it once per platform; nothing in it
 * is platform markup. Article words travel as spans (offsets into the article's stored text, the
 * shipped article.txt or an added article's snapshot), never as copies.
 */
import * as z from "zod";

const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const ListItem = z.object({
  /** Our words (plain text; renderers escape it). */
  text: z.string(),
  /** Body paragraphs of the article the item rests on. */
  cites: z.array(z.number().int().positive()).optional(),
  /** Verbatim article words that go with the item. */
  quote: SpanSchema.optional(),
  /** Our words before the references (plain text), e.g. when it happened. */
  lead: z.string().optional(),
  /** A member's platform id, shown as the platform's mention of them; it pings nobody. */
  user: z.string().optional(),
  /** A channel's platform id, shown as the platform's link to it. */
  channel: z.string().optional(),
  /** Who said `passage`, for machines (console --json); renderers show the item's own words. */
  speaker: z.string().optional(),
  /** The whole quotation the item stands for, when `quote` shows only its opening. */
  passage: SpanSchema.optional(),
});

const Block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string() }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({
    type: z.literal("list"),
    ordered: z.boolean(),
    items: z.array(ListItem),
  }),
  z.object({
    type: z.literal("quote"),
    /** Position among the speaker's quotes, for "quote 2 of 3". */
    number: z.number().int().positive(),
    quote: SpanSchema,
    speaker: z.string(),
    role: z.string(),
    paragraph: z.number().int().positive(),
    /** The article's sentence introducing the quote, and its paragraph. */
    provenance: z.object({
      sentence: SpanSchema,
      paragraph: z.number().int().positive(),
    }),
    /** Sentences of the quote that matched the member's topic. */
    emphasis: z.array(SpanSchema).optional(),
  }),
]);

export const ReplySchema = z.object({
  kind: z.literal("message"),
  visibility: z.enum(["public", "private"]),
  tone: z.enum(["info", "error"]).optional(),
  title: z.string().optional(),
  blocks: z.array(Block),
  footer: z.string().optional(),
  /** The article its spans point into, by name; absent: the shipped article. */
  article: z.string().optional(),
});

/** What `/article post` asks an adapter to post: the adapter splits it to its own limits. */
export const ThreadPlanSchema = z.object({
  kind: z.literal("thread"),
  /** Where to post, as the moderator named it (adapter-specific id or name); absent means here. */
  channel: z.string().optional(),
  threadTitle: z.string(),
  header: ReplySchema,
  /** The article, paragraph by paragraph (headings included), as spans. */
  body: z.array(SpanSchema),
  /** Our last words under the article, plain text; each adapter adds how to ask the bot there. */
  closing: z.string(),
  /** Commands worth trying in the thread, as typed after the name: "summary", "quote grants". */
  suggest: z.array(z.string()),
  /** false: post at once. Otherwise platforms with buttons first show the moderator a preview. */
  confirm: z.boolean().optional(),
  /** What the preview must tell the moderator before they press Post (plain text). */
  notice: z.string().optional(),
  /** The article its spans point into, by name; absent: the shipped article. */
  article: z.string().optional(),
});

export type ListItem = z.infer<typeof ListItem>;
export type Block = z.infer<typeof Block>;
export type QuoteBlock = Extract<Block, { type: "quote" }>;
export type Reply = z.infer<typeof ReplySchema>;
export type ThreadPlan = z.infer<typeof ThreadPlanSchema>;
export type Outcome = Reply | ThreadPlan;

/** Every outcome a command may return; the property tests parse each one they see with it. */
export const OutcomeSchema = z.union([ReplySchema.strict(), ThreadPlanSchema.strict()]);

export const errorReply = (text: string): Reply => ({
  kind: "message",
  visibility: "private",
  tone: "error",
  blocks: [{ type: "text", text }],
});
