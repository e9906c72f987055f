/**
 * A command is data plus a pure function. The data is the one source for Discord registration,
 * the Slack manifest, /help, text parsing and validation on every platform.
 */
import * as z from "zod";
import type { AddedArticle, AnyArticle } from "../article/kinds.js";
import type { Article } from "../article/load.js";
import type { ArticleListing } from "./article-shelf.js";
import type { RecordedEvent } from "./records.js";
import type { Outcome } from "./reply.js";
import { possessive } from "./reply-parts.js";

export type OptionKind = "text" | "choice" | "flag" | "channel";

export interface OptionDef<T = unknown> {
  kind: OptionKind;
  description: string;
  /** What a valid value looks like, for error messages and help. */
  allowed: string;
  schema: z.ZodType<T>;
  required: boolean;
  choices?: readonly string[];
  maxLength?: number;
  /** Suggestions as a member types (Discord autocomplete), from the same search the command uses. */
  complete?: (article: AnyArticle, typed: string) => string[];
  /**
   * A text option that chat text sets only by name (`speaker:Obama`, `article:sessions`): the
   * words a member types without a name go to the command's first text option that is not keyed.
   */
  keyed?: boolean;
  /** Completes from the names of the articles the member's server or workspace may use. */
  completes?: "articles";
}

// Control characters would garble a chat message or a terminal; zero-width and RTL marks are fine.
const CONTROL = /\p{Cc}/u;
const ARTICLE_NAME = /^[a-z0-9-]+$/u;
const ARTICLE_NAME_MAX = 40;
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const option = {
  text(
    description: string,
    opts: {
      maxLength?: number;
      complete?: (article: AnyArticle, typed: string) => string[];
      keyed?: boolean;
    } = {},
  ): OptionDef<string | undefined> {
    const maxLength = opts.maxLength ?? 100;
    return {
      kind: "text",
      description,
      allowed: `text of at most ${maxLength} characters, without control characters`,
      schema: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(maxLength)
          .refine((s) => !CONTROL.test(s))
          .optional(),
      ),
      required: false,
      maxLength,
      ...(opts.complete ? { complete: opts.complete } : {}),
      ...(opts.keyed ? { keyed: true } : {}),
    };
  },
  /**
   * Which article a command works on, by its short name (`/article list` shows them). Dispatch
   * resolves it (or the channel's current article) before the command runs and hands the handler
   * that article as `ctx.article`; handlers never read the value. Typed `Sessions` is `sessions`.
   */
  article(description: string): OptionDef<string | undefined> {
    return {
      kind: "text",
      description,
      allowed: `an article's short name: at most ${ARTICLE_NAME_MAX} lowercase letters, digits and hyphens, e.g. sessions (/article list shows them)`,
      schema: z.preprocess(
        blankToUndefined,
        z.string().trim().toLowerCase().max(ARTICLE_NAME_MAX).regex(ARTICLE_NAME).optional(),
      ),
      required: false,
      maxLength: ARTICLE_NAME_MAX,
      keyed: true,
      completes: "articles",
    };
  },
  choice<const C extends readonly [string, ...string[]]>(
    description: string,
    choices: C,
    fallback: C[number],
  ): OptionDef<C[number]> {
    return {
      kind: "choice",
      description,
      allowed: `one of: ${choices.join(", ")} (default ${fallback})`,
      schema: z.preprocess(blankToUndefined, z.enum(choices).default(fallback)) as z.ZodType<C[number]>,
      required: false,
      choices,
    };
  },
  flag(description: string, fallback = false): OptionDef<boolean> {
    return {
      kind: "flag",
      description,
      allowed: fallback ? "true or false (default true)" : "true or false",
      schema: z.boolean().default(fallback),
      required: false,
    };
  },
  channel(description: string): OptionDef<string | undefined> {
    return {
      kind: "channel",
      description,
      allowed: "a channel of this server or workspace",
      schema: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(200)
          .refine((s) => !CONTROL.test(s))
          .optional(),
      ),
      required: false,
    };
  },
};

export type Options = Record<string, OptionDef>;
export type Parsed<O extends Options> = {
  [K in keyof O]: O[K] extends OptionDef<infer T> ? T : never;
};

export interface CommandContext {
  /** The article this invocation is about: the one its `article` option names, or the channel's. */
  article: AnyArticle;
  commands: readonly Command[];
  /** Loaded first for a command that `needs: "history"`: the latest records here, newest first. */
  history?: readonly RecordedEvent[];
  /** Loaded for /article add: the article stored, or found already stored (`created: false`). */
  added?: { article: AddedArticle; created: boolean };
  /** Loaded for /article use: the channel's article from now on. */
  chosen?: AnyArticle;
  /** Loaded for /article list: what this workspace or server may use, the shipped one first. */
  listing?: readonly ArticleListing[];
}

/**
 * What a command needs loaded before it runs (dispatch loads it, then runs the handler, still pure
 * and synchronous, without the answer cache). Commands without `needs` never wait for anything.
 */
export type Need = "history" | "article-add" | "article-use" | "article-list";

export type Access = "everyone" | "moderator";

interface CommandMeta<O extends Options> {
  name: string;
  /** `/article post` is command "article", subcommand "post". */
  subcommand?: string;
  description: string;
  access: Access;
  options: O;
  /** Each example is typed as a member would type it in a chat (also valid console input). */
  examples: readonly string[];
  needs?: Need;
  /**
   * The answer waits on the web and then on CPU work (/article add fetches a page and builds it):
   * adapters acknowledge it as it arrives (Discord's deferral, Slack's "Working on it…") instead
   * of on a timer, which that CPU work could hold up past the platform's 3 seconds.
   */
  slow?: true;
}

export interface CommandSpec<O extends Options> extends CommandMeta<O> {
  run(ctx: CommandContext, options: Parsed<O>): Outcome;
}

export interface Command extends CommandMeta<Options> {
  schema: z.ZodType<Record<string, unknown>>;
  /** What forArticle filled in: the descriptions with their {speaker} placeholders. */
  template?: Command;
  run(ctx: CommandContext, options: Record<string, unknown>): Outcome;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): Command {
  const shape = Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, o.schema]));
  return {
    ...spec,
    schema: z.object(shape).strict() as unknown as z.ZodType<Record<string, unknown>>,
    // Safe: dispatch only calls run with options that passed `schema`.
    run: (ctx, options) => spec.run(ctx, options as Parsed<O>),
  };
}

/** "quote" or "article post". */
export const commandPath = (c: Pick<Command, "name" | "subcommand">): string =>
  c.subcommand ? `${c.name} ${c.subcommand}` : c.name;

/** `/summary [length: short|full] [private]`, generated from the options. */
export function usage(c: Command): string {
  // Concatenated in one loop: /help builds this for every command on every call.
  let line = `/${commandPath(c)}`;
  for (const name in c.options) {
    const o = c.options[name] as OptionDef<unknown>;
    const shown = o.kind === "choice" ? `${name}: ${o.choices?.join("|")}` : name;
    line += o.required ? ` <${shown}>` : ` [${shown}]`;
  }
  return line;
}

/** Whom an article's descriptions name: its speaker, or an added article's one speaker, by surname. */
type Speaking = Pick<Article, "speaker"> | Pick<AddedArticle, "kind" | "speakers">;

function speakerWords(article: Speaking): { name: string; possessive: string } {
  const names = "speaker" in article ? [article.speaker.name] : article.speakers;
  const surname = (full: string) => full.split(/\s+/u).at(-1) ?? full;
  const [first] = names;
  if (names.length === 1 && first) return { name: surname(first), possessive: possessive(surname(first)) };
  // Several people (or none) are quoted: "the quoted people’s own words", "e.g. Smith".
  return { name: first ? surname(first) : "a surname", possessive: "the quoted people’s" };
}

/**
 * The commands with their descriptions (and their options') speaking of this article: a
 * description names the article's speaker as {speaker}, or {speaker’s} for the possessive, so
 * Discord's registration, the Slack manifest and /help never hard-code a name. Each keeps its
 * template, so /help can speak of the channel's article instead.
 */
export function forArticle(commands: readonly Command[], article: Speaking): Command[] {
  const { name, possessive: whose } = speakerWords(article);
  const fill = (text: string) => {
    const filled = text.replaceAll("{speaker’s}", whose).replaceAll("{speaker}", name);
    return text.startsWith("{") ? filled.charAt(0).toUpperCase() + filled.slice(1) : filled;
  };
  return commands.map((c) => {
    const template = c.template ?? c;
    return {
      ...template,
      template,
      description: fill(template.description),
      options: Object.fromEntries(
        Object.entries(template.options).map(([key, o]) => [key, { ...o, description: fill(o.description) }]),
      ),
    };
  });
}

/** The same option, which the command cannot do without: registered as required, refused when missing. */
export function required<T>(o: OptionDef<T | undefined>, allowed = o.allowed): OptionDef<T> {
  return {
    ...o,
    allowed,
    required: true,
    // An absent key never reaches an optional schema: the check comes first, then the option's own.
    schema: z
      .custom<unknown>((v) => v !== undefined && !(typeof v === "string" && v.trim() === ""))
      .pipe(o.schema) as z.ZodType<T>,
  };
}
