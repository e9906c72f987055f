/**
 * What an adapter is. Each platform folder (console/, discord/, slack/, …) provides one
 * AdapterDefinition; registry.ts lists them and main.ts starts those whose settings are present.
 * The definition's `settings` must not import the platform's library: main reads every adapter's
 * settings on every start, and only `load()` brings in discord.js or Bolt. README.md beside this
 * file has the skeleton and a checklist for adding a platform.
 */
import type { RequestListener } from "node:http";
import type { Bot } from "../core/answer.js";
import type { Env } from "../runtime/config.js";
import type { StateStore } from "../state/store.js";

export type AdapterState = "starting" | "ready" | "reconnecting" | "stopping" | "stopped";

export interface AdapterHealth {
  state: AdapterState;
  detail?: string;
  /** Each shard's own health by shard id, when the adapter runs shards (Discord's DISCORD_SHARDS). */
  shards?: Record<string, AdapterHealth>;
}

/** A started adapter. `stop` stops taking commands, finishes those in flight, and closes connections. */
export interface RunningAdapter {
  name: string;
  /** Connection state for GET /healthz. */
  health(): AdapterHealth;
  stop(): Promise<void>;
  /** Resolves when the adapter ends on its own (the console at end of input); platforms never do. */
  done?: Promise<void>;
}

/** What main.ts offers every adapter besides the bot. */
export interface AdapterHost {
  /** Every running adapter, for a health route an adapter serves itself (Slack's HTTP mode). */
  adapters(): readonly RunningAdapter[];
  /**
   * The durable store (src/state), opened on first call and shared by every adapter; rejects with
   * a ConfigError line when the database cannot be opened.
   */
  state(): Promise<StateStore>;
  /** The address an adapter's own HTTP server listens on (HOST; absent: every interface). */
  address?: string;
  /**
   * The bot's one HTTP server on PORT (src/runtime/web.ts), present when PORT is set: an adapter
   * that takes requests (Slack's HTTP mode, Discord's HTTP interactions) adds its routes here.
   */
  web?: WebRoutes;
}

/** Routes on the bot's HTTP server; GET /healthz and GET /metrics are the runtime's own. */
export interface WebRoutes {
  /** Serves every request whose path (query aside) is `path`, whatever its method. */
  route(path: string, listener: RequestListener): void;
  /** Serves every request no route claims (Slack's Bolt receiver, with its OAuth pages). */
  fallback(listener: RequestListener): void;
  /** Where the server listens, as a URL with no path ("http://127.0.0.1:3000"). */
  readonly url: string;
}

export interface AdapterModule<S> {
  start(bot: Bot, settings: S, host: AdapterHost): Promise<RunningAdapter>;
}

export interface AdapterDefinition<S = unknown> {
  name: string;
  /**
   * This adapter's settings from the environment, or undefined when its variables are unset.
   * Throws ConfigError naming each missing or malformed variable.
   */
  settings(env: Env): S | undefined;
  /** Secret values in the settings, scrubbed from every log line. */
  secrets(settings: S): string[];
  /** The platform code, imported only when the adapter runs. */
  load(): Promise<AdapterModule<S>>;
}

/** Keeps each definition's settings type while the registry holds them side by side. */
export const defineAdapter = <S>(definition: AdapterDefinition<S>): AdapterDefinition<S> => definition;
