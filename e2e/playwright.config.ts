import { defineConfig } from "@playwright/test";

// Debian's chromium (DESIGN §9): Playwright's own browser download does not work on these machines.
// scripts/run.mjs finds or installs it and sets CHROMIUM_PATH; running without one is an error,
// never a skip.
const executablePath = process.env.CHROMIUM_PATH;
if (!executablePath) {
  throw new Error("CHROMIUM_PATH is not set: run the e2e suite with `pnpm test:e2e` (it finds Chromium).");
}

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // A document fulfilled by `page.route` (offline-outbox.spec.ts serves the page from memory
        // while the context is offline) counts as non-local to Chromium, which then blocks its
        // WebSocket to the relay on localhost (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
        "--disable-features=LocalNetworkAccessChecks",
      ],
    },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "functional", testIgnore: /widget-weight\.spec\.ts$/ },
    // Script time in milliseconds, against a budget: measured after everything else, one test at a
    // time, so a test running beside it on the machine's other core does not count as the widget's
    // cost (a loaded 2-core machine measured the boot at 17 ms beside another test, 12 ms alone).
    {
      name: "timing",
      testMatch: /widget-weight\.spec\.ts$/,
      dependencies: ["functional"],
      fullyParallel: false,
    },
  ],
});
