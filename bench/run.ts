// `pnpm bench`: measures the budgets of DESIGN §8 and prints the figures. Sizes past their budget
// make the run fail; the widget's boot cost on a host page (bench/widget-boot.ts, asserted by
// e2e/widget-weight.spec.ts), throughput and latency are printed against their budgets for the
// record (absolute speed drifts between machines, so it is reported, not gated).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startRelay } from "../e2e/fixtures/relay.ts";
import { measureSizes } from "./sizes.ts";
import {
  BOOT_BUDGET_MS,
  bootBudgetFor,
  measureWidgetBoot,
  median,
  quantile,
  REFERENCE_PAGE_SCRIPT_MS,
} from "./widget-boot.ts";

const root = new URL("../", import.meta.url);
const kb = (n: number) => `${(n / 1024).toFixed(2)} kB`;

console.log("\nWidget weight (as the relay serves it: the build's gzip copy, and its Brotli copy)");
let failed = false;
for (const s of measureSizes(root)) {
  const verdict = s.ok ? "ok" : "OVER BUDGET";
  console.log(
    `  ${s.label.padEnd(34)} ${String(s.gzip).padStart(6)} B gzip  ${String(s.brotli ?? "-").padStart(6)} B br  ${String(s.raw).padStart(6)} B raw   budget ${s.budget} B gzip (${kb(s.budget)})  ${verdict}`,
  );
  if (!s.ok) failed = true;
}

const BOOT_RUNS = 10;
console.log(
  `\nWidget on a host page (Chromium, ${BOOT_RUNS} loads without and with the loader; CPU ms of script)`,
);
{
  const relay = await startRelay();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-features=LocalNetworkAccessChecks"],
  });
  try {
    const { host, widget } = await measureWidgetBoot(browser, relay.url, BOOT_RUNS);
    const row = (label: string, values: number[], unit: string) =>
      console.log(
        `  ${label.padEnd(44)} median ${median(values)
          .toFixed(unit === "ms" ? 2 : 0)
          .padStart(7)} ${unit}` +
          `   p90 ${quantile(values, 0.9)
            .toFixed(unit === "ms" ? 2 : 0)
            .padStart(7)} ${unit}`,
      );
    const pageMs = median(host.map((s) => s.scriptMs));
    row(
      "page without widget: script",
      host.map((s) => s.scriptMs),
      "ms",
    );
    row(
      "page without widget: long tasks",
      host.map((s) => s.longTasks),
      "  ",
    );
    row(
      "page with loader: script (before widget.js)",
      widget.map((s) => s.scriptMs),
      "ms",
    );
    row(
      "page with loader: long tasks",
      widget.map((s) => s.longTasks),
      "  ",
    );
    row(
      "  of which loader.js script",
      widget.map((s) => s.loaderScriptMs),
      "ms",
    );
    row(
      "  loader.js's longest task",
      widget.map((s) => s.loaderLongestTaskMs),
      "ms",
    );
    row(
      "widget boot: script, widget.js to ready",
      widget.map((s) => s.bootScriptMs),
      "ms",
    );
    row(
      "widget boot: script, to ready + 0.5 s",
      widget.map((s) => s.settleScriptMs),
      "ms",
    );
    row(
      "widget boot: long tasks",
      widget.map((s) => s.bootLongTasks),
      "  ",
    );
    const bootMs = median(widget.map((s) => s.bootScriptMs));
    const loaderMs = median(widget.map((s) => s.loaderScriptMs));
    console.log(
      `  vs the page without widget: loader +${((loaderMs / pageMs) * 100).toFixed(0)} %, ` +
        `loader and boot +${(((loaderMs + bootMs) / pageMs) * 100).toFixed(0)} % of its script time`,
    );
    const budget = bootBudgetFor(pageMs);
    console.log(
      `  budget: loader adds no long task (longest loader task ${median(widget.map((s) => s.loaderLongestTaskMs)).toFixed(2)} ms), ` +
        `boot < ${BOOT_BUDGET_MS} ms on the reference machine, ${budget.toFixed(1)} ms on this one ` +
        `(its host page runs ${(pageMs / REFERENCE_PAGE_SCRIPT_MS).toFixed(2)}× as long): ${bootMs < budget ? "ok" : "OVER"}`,
    );
  } finally {
    await browser.close();
    await relay.stop();
  }
}

console.log("\nRelay under load (one node, SQLite durable writes, memory bus)");
const load = spawnSync(
  process.execPath,
  [fileURLToPath(new URL("node_modules/tsx/dist/cli.mjs", root)), "packages/server/bench/relay-load.ts"],
  { cwd: fileURLToPath(root), stdio: "inherit" },
);
if (load.status !== 0) failed = true;

process.exit(failed ? 1 : 0);
