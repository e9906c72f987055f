/**
 * Where added articles are kept, as the core sees it: their stored snapshots and each channel's
 * current article. The core defines the interface; the durable store implements it
 * (src/state/articles.ts) and main.ts connects the two, so every replica sees the same articles.
 * Failures reject with RecordsUnavailable (core/records.ts) when the database cannot be reached.
 */
import type { AddedBy, ArticleSnapshot } from "../article/kinds.js";

/** A workspace (Slack team) or server (Discord guild) on a platform. */
export interface ArticleScope {
  platform: string;
  workspace: string;
}

export interface ChannelKey extends ArticleScope {
  channel: string;
}

/** One line of `/article list`. */
export interface ArticleListing {
  name: string;
  title: string;
  site: string | null;
  url: string | null;
  fetchedAt: string;
  addedBy: AddedBy | null;
}

export interface ArticleShelf {
  /**
   * Stores a snapshot. `snapshot.name` is the wanted name: when it is taken (or is SHIPPED_NAME)
   * the first free of `name-2`, `name-3`, … is used. The same text (sha256) from the same URL
   * already visible to the same scope is not stored twice: that one is returned, `created: false`.
   */
  add(snapshot: ArticleSnapshot): Promise<{ snapshot: ArticleSnapshot; created: boolean }>;
  /** By exact name, whoever added it. */
  get(name: string): Promise<ArticleSnapshot | undefined>;
  /**
   * What a scope may use, newest first: the operator's (addedBy null) and its own; `null`: all.
   * At most `limit` (default 25).
   */
  list(scope: ArticleScope | null, limit?: number): Promise<ArticleListing[]>;
  /** `/article use`: the channel's current article from now on, for every replica. */
  setCurrent(at: ChannelKey, name: string): Promise<void>;
  /** The channel's current article's name; undefined when none was chosen (the shipped one). */
  current(at: ChannelKey): Promise<string | undefined>;
}
