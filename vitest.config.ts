import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.{ts,tsx}",
      "packages/*/test/**/*.test.{ts,tsx}",
      "examples/*/src/**/*.test.{ts,tsx}",
    ],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Relay integration tests start real servers on ephemeral ports; files run in parallel.
    pool: "forks",
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
});
