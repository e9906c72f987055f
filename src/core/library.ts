/**
 * Which article an invocation is about, and the articles a community may use: the shipped one
 * (always, by SHIPPED_NAME) and those added in its workspace or server or by the operator, kept on
 * the shelf (the database) so that they survive restarts and every replica sees them. Built
 * articles are cached by name: a stored snapshot never changes, so a cached one is never stale.
 * A channel's current article is cached for a few seconds, so `/article use` on one replica
 * reaches the others within that time while most commands never wait on the database.
 */
import { LRUCache } from "lru-cache";
import { IngestError } from "../article/added/ingest-error.js";
import type { AddedArticle, AddedBy, AnyArticle, ArticleSnapshot } from "../article/kinds.js";
import type { Article } from "../article/load.js";
import { SHIPPED_NAME } from "../article/load.js";
import type { Logger } from "../runtime/log.js";
import type { ArticleListing, ArticleScope, ArticleShelf, ChannelKey } from "./article-shelf.js";
import { echo } from "./echo.js";
import { Refused } from "./refused.js";

export interface LibraryOptions {
  shipped: Article;
  /** Absent: only the shipped article (and no /article add, use or list). */
  shelf?: ArticleShelf | undefined;
  /**
   * Whether a channel's current article may be looked up now. The console opens its database only
   * when a command needs it: until then its channel reads the shipped article. Default: always.
   */
  consult?: () => boolean;
  /** Fetches and extracts a page into a snapshot; rejects with Refused for a moderator's reason. */
  ingest?: ((url: string, by: AddedBy) => Promise<ArticleSnapshot>) | undefined;
  log: Logger;
  /** Built articles kept in memory (default 100). */
  cached?: number;
  /** How long a channel's current article is trusted without asking the shelf (default 5 s). */
  currentTtlMs?: number;
  now?: () => number;
}

/** The article, or why not, as a sentence for the member. */
export type Resolved = AnyArticle | Refused;

export class ArticleLibrary {
  readonly shipped: Article;
  private readonly built: LRUCache<string, AddedArticle>;
  private readonly currents: LRUCache<string, { name: string | undefined; at: number }>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LibraryOptions) {
    this.shipped = options.shipped;
    this.built = new LRUCache({ max: options.cached ?? 100 });
    this.currents = new LRUCache({ max: 10_000 });
    this.ttlMs = options.currentTtlMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether articles can be added and chosen (a database is configured). */
  get shelved(): boolean {
    return this.options.shelf !== undefined;
  }

  /**
   * The article an outcome's spans point into (its `article`, absent for the shipped one): at once
   * when built, else rebuilt from the shelf (a preview pressed on another replica, say).
   */
  textOf(outcome: { article?: string | undefined }): AnyArticle | Promise<AnyArticle> {
    const { article: name } = outcome;
    if (name === undefined || name === SHIPPED_NAME) return this.shipped;
    const built = this.built.get(name);
    if (built) return built;
    const { shelf } = this.options;
    if (!shelf) throw new Error(`an outcome names article ${name}, but there is no shelf`);
    return shelf.get(name).then((snapshot) => {
      if (!snapshot) throw new Error(`an outcome names article ${name}, which is not stored`);
      return this.build(snapshot);
    });
  }

  /**
   * The article for a command: the one it names, else the channel's current one, else the shipped
   * one. Answers at once when nothing needs the database.
   */
  resolve(requested: string | undefined, at: ChannelKey | undefined): Resolved | Promise<Resolved> {
    if (requested !== undefined) return this.named(requested, at);
    const { shelf } = this.options;
    if (!shelf || !at || !(this.options.consult?.() ?? true)) return this.shipped;
    const known = this.currents.get(channelKey(at));
    if (known && this.now() - known.at < this.ttlMs) return this.current(known.name, at);
    return this.currentOf(shelf, at, known?.name);
  }

  /** By name, if this scope may use it. */
  named(name: string | undefined, at: ArticleScope | undefined): Resolved | Promise<Resolved> {
    const wanted = name?.trim().toLowerCase();
    if (wanted === undefined || wanted === SHIPPED_NAME) return this.shipped;
    const built = this.built.get(wanted);
    if (built) return visibleTo(built.source.addedBy, at) ? built : unknownArticle(wanted);
    const { shelf } = this.options;
    if (!shelf) return unknownArticle(wanted);
    return shelf
      .get(wanted)
      .then((snapshot): Resolved | Promise<Resolved> =>
        snapshot && visibleTo(snapshot.addedBy, at) ? this.build(snapshot) : unknownArticle(wanted),
      );
  }

  /** `/article add`: fetched, extracted, stored (or found already stored), built. */
  async add(url: string, by: AddedBy): Promise<{ article: AddedArticle; created: boolean }> {
    const { shelf, ingest } = this.options;
    if (!shelf) throw new Refused("This bot keeps no database, so it cannot add articles.");
    if (!ingest) throw new Refused("This bot does not fetch articles.");
    let snapshot: ArticleSnapshot;
    try {
      snapshot = await ingest(url, by);
    } catch (error) {
      // The page's fault or the link's, said in one sentence; anything unforeseen is ours.
      if (error instanceof IngestError && error.reason !== "failed") throw new Refused(error.message);
      throw error;
    }
    const stored = await shelf.add(snapshot);
    return { article: await this.build(stored.snapshot), created: stored.created };
  }

  /** `/article use`: the channel's current article from now on. */
  async use(at: ChannelKey, name: string): Promise<AnyArticle> {
    const { shelf } = this.options;
    if (!shelf) throw new Refused("This bot keeps no database, so it has only the one article.");
    const found = await this.named(name, at);
    if (found instanceof Refused) throw found;
    await shelf.setCurrent(at, found.name);
    this.currents.set(channelKey(at), { name: found.name, at: this.now() });
    return found;
  }

  /** `/article list`: the shipped article first, then what this scope added, newest first. */
  async list(at: ArticleScope | undefined): Promise<ArticleListing[]> {
    const shipped: ArticleListing = {
      name: SHIPPED_NAME,
      title: this.shipped.title,
      site: null,
      url: null,
      fetchedAt: "",
      addedBy: null,
    };
    const { shelf } = this.options;
    return [shipped, ...(shelf ? await shelf.list(at ?? null) : [])];
  }

  /** Names for autocomplete: those starting with what was typed, then those containing it. */
  async complete(at: ArticleScope | undefined, typed: string): Promise<string[]> {
    const t = typed.trim().toLowerCase();
    const all = (await this.list(at)).map((a) => a.name);
    return [...all.filter((n) => n.startsWith(t)), ...all.filter((n) => !n.startsWith(t) && n.includes(t))];
  }

  private async currentOf(shelf: ArticleShelf, at: ChannelKey, last: string | undefined): Promise<Resolved> {
    let name: string | undefined;
    try {
      name = await shelf.current(at);
    } catch (error) {
      // The database is down: the channel keeps the article it had, so reading goes on.
      this.options.log.warn({ err: error, channel: at.channel }, "could not read the channel's article");
      name = last;
    }
    this.currents.set(channelKey(at), { name, at: this.now() });
    return this.current(name, at);
  }

  /** A channel's article; one that can no longer be found gives way to the shipped one. */
  private current(name: string | undefined, at: ChannelKey): Resolved | Promise<Resolved> {
    const found = this.named(name, at);
    const orShipped = (r: Resolved) => (r instanceof Refused ? this.shipped : r);
    return found instanceof Promise ? found.then(orShipped, () => this.shipped) : orShipped(found);
  }

  /**
   * When the shelf holds added articles (a restart of a bot whose community uses them), loads and
   * compiles the builder now rather than on a member's first command on one (added/warm.ts).
   * A bot without added articles loads none of it. Says whether it warmed.
   */
  async warm(): Promise<boolean> {
    const { shelf } = this.options;
    if (!shelf || (await shelf.list(null, 1)).length === 0) return false;
    const { warmUp } = await import("../article/added/warm.js");
    warmUp(this.shipped.title, this.shipped.text);
    return true;
  }

  /** Built once per name; the builder (compromise, WordNet) loads only when an added article is used. */
  private async build(snapshot: ArticleSnapshot): Promise<AddedArticle> {
    const cached = this.built.get(snapshot.name);
    if (cached) return cached;
    const { buildAddedArticle } = await import("../article/added/build.js");
    const article = buildAddedArticle(snapshot);
    this.built.set(snapshot.name, article);
    return article;
  }
}

const channelKey = (at: ChannelKey) => `${at.platform}\u0000${at.workspace}\u0000${at.channel}`;

/** The operator's articles are for everyone; a moderator's, for their own workspace or server. */
const visibleTo = (by: AddedBy | null, at: ArticleScope | undefined): boolean =>
  by === null || (at !== undefined && by.platform === at.platform && by.workspace === at.workspace);

const unknownArticle = (name: string) =>
  new Refused(`There is no article named “${echo(name, 40)}” here. Moderators: /article list shows them.`);
