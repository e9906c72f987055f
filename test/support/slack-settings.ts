/**
 * The problem lines a configuration step reports: [] when it accepts the environment, and any
 * error other than a ConfigError is rethrown (a crash is not a configuration message).
 */
import { ConfigError, type Env } from "../../src/runtime/config.js";

export const problemsOf =
  (parse: (env: Env) => unknown) =>
  (env: Env): string[] => {
    try {
      parse(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };
