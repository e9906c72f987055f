/**
 * Every platform adapter the bot can run. Adding a platform is a folder and a line here. The
 * console is not listed: main.ts opens it when none of these is configured.
 */

import type { Bot } from "../core/answer.js";
import { ConfigError, type Env, parseShared, type SharedConfig } from "../runtime/config.js";
import { type RedisSettings, redisSecrets, redisSettings } from "../runtime/redis-settings.js";
import { type StateSettings, stateSecrets, stateSettings } from "../state/settings.js";
import type { AdapterDefinition, AdapterHost, RunningAdapter, WebRoutes } from "./contract.js";
import { discord } from "./discord/definition.js";
import { shardScope } from "./discord/shards/role.js";
import { slack } from "./slack/definition.js";

export const PLATFORMS: readonly AdapterDefinition<never>[] = [discord, slack] as AdapterDefinition<never>[];

export interface Enabled<S = unknown> {
  definition: AdapterDefinition<S>;
  settings: S;
}

export interface Config extends SharedConfig {
  /** The adapters whose variables are set, in registry order. */
  enabled: Enabled[];
  /** Where durable state lives (DATABASE_URL or STATE_DIR); nothing is opened by reading it. */
  state: StateSettings;
  /** REDIS_URL: the Redis replicas share cooldowns, locks, previews and seen requests through. */
  redis: RedisSettings | undefined;
  /** Every secret value, so the logger can scrub them from any line. */
  secrets: string[];
  /** Fields on every log line (a Discord shard process: its shard id). */
  logFields?: Record<string, unknown>;
}

/**
 * The shared settings and each adapter's own. Problems from every adapter are reported together,
 * one line each, so a first run shows everything to fix at once.
 */
export function configure(given: Env, every: readonly AdapterDefinition<never>[] = PLATFORMS): Config {
  // A Discord shard process (DISCORD_SHARDS) runs Discord alone, without an HTTP server.
  const { env, platforms, logFields } = shardScope(given, every);
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const shared = attempt(() => parseShared(env));
  const state = attempt(() => stateSettings(env));
  const redis = attempt(() => redisSettings(env));
  const enabled: Enabled[] = [];
  for (const definition of platforms as readonly AdapterDefinition[]) {
    const settings = attempt(() => definition.settings(env));
    if (settings !== undefined) enabled.push({ definition, settings });
  }
  // PORT is read by the shared settings and Slack's: a malformed one is reported once.
  if (problems.length > 0 || !shared || !state) throw new ConfigError([...new Set(problems)]);
  return {
    ...shared,
    ...(logFields ? { logFields } : {}),
    enabled,
    state,
    redis,
    secrets: [
      ...enabled.flatMap((e) => e.definition.secrets(e.settings)),
      ...stateSecrets(env),
      ...redisSecrets(env),
    ],
  };
}

/**
 * Starts every enabled adapter in order, each through its definition alone, adding it to
 * `running` as soon as it is up (so a signal during start-up stops those already running).
 * `web`: the bot's HTTP server on PORT, where adapters that take requests add their routes.
 */
export async function startEnabled(
  enabled: readonly Enabled[],
  bot: Bot,
  running: RunningAdapter[],
  state: AdapterHost["state"],
  address?: string,
  web?: WebRoutes,
): Promise<void> {
  const host: AdapterHost = {
    adapters: () => running,
    state,
    ...(address ? { address } : {}),
    ...(web ? { web } : {}),
  };
  for (const { definition, settings } of enabled) {
    const module = await definition.load();
    running.push(await module.start(bot, settings, host));
  }
}
