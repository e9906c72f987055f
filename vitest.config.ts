import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The real-process tests run the compiled bot, so build it once first.
    globalSetup: ["test/support/build.ts"],
    testTimeout: 20_000,
    // Most files wait on sockets, processes and timers rather than the CPU: two at a time even on a
    // 2-core machine (vitest's default there is one), which took the suite from about 290 s to 175 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 30_000,
  },
});
