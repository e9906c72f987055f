import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * The burst files (thousands of interactions against the real process): they run on their own
 * after the rest, so they and the machine's other test processes do not stand in each other's way.
 * `npm run soak` runs only these, holding each answer to the platforms' real three seconds.
 */
const TIMED = ["test/discord/load.test.ts", "test/discord/burst.test.ts", "test/slack/load.test.ts"];

/** What both projects share; the build (globalSetup) stays at the root, so it runs once. */
const shared = { testTimeout: 20_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    // The real-process tests run the compiled bot, so build it once first.
    globalSetup: ["test/support/build.ts"],
    // Most files wait on sockets, processes and timers rather than the CPU: three at a time even on
    // a 2-core machine (vitest's default there is one). Two took the suite from about 290 s to 175 s
    // when it was smaller; at 971 tests three took a fresh clone from 314 s to 271 s.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...TIMED],
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...shared, name: "timed", include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});
