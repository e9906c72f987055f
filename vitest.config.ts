import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The real-process tests run the compiled bot, so build it once first.
    globalSetup: ["test/support/build.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
