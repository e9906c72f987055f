/**
 * ARTICLE_FETCH_ALLOW_PRIVATE: `true` lets article fetching reach private, loopback and link-local
 * addresses (tests, and intranets whose articles live on internal hosts). It lifts that one rule
 * only: schemes, size, redirects, content type and the timeout still apply. Default false.
 */
import * as z from "zod";
import { blank, bool, type Env, parseEnv } from "../../runtime/config.js";

const FetchEnv = z.object({
  ARTICLE_FETCH_ALLOW_PRIVATE: z.preprocess(blank, bool.default(false)),
});

export interface FetchSettings {
  allowPrivate: boolean;
}

/** Throws ConfigError naming the variable when it is not true/false (or 1/0, yes/no). */
export function fetchSettings(env: Env): FetchSettings {
  return { allowPrivate: parseEnv(FetchEnv, env).ARTICLE_FETCH_ALLOW_PRIVATE };
}
