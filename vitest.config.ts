import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Unit and integration tests (Node). Browser tests have their own config
// (vitest.browser.config.ts) because they need a production build and Chromium.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "tests/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
      "demo/**/*.test.ts",
      "extensions/**/*.test.ts",
    ],
    exclude: ["tests/browser/**", "node_modules/**"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
