import { expect, test } from "@playwright/test";
import { bootBudgetFor, measureWidgetBoot, median } from "../bench/widget-boot.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// DESIGN §8: the loader adds no long task to the vendor's page, and the widget boots in under 16 ms
// of script. A host page with a script of its own is loaded without and with the loader snippet;
// widget.js is held back until the loader has done all it does, then its boot is traced up to the
// `ready` event (bench/widget-boot.ts; `pnpm bench` prints the same figures over more runs).
// Script time is CPU time of the page's main thread and each figure a median of seven loads. Other
// work on the machine still inflates it (caches, a shared core): this file is the "timing" project
// of playwright.config.ts, run alone after the rest of the suite.

const RUNS = 7;

let relay: RunningRelay;
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  await relay.stop();
});

test("the loader adds no long task to the host page, and the widget boots within 16 ms of script, scaled to the machine", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { host, widget } = await measureWidgetBoot(browser, relay.url, RUNS);
  const figures = {
    pageScriptMs: median(host.map((sample) => sample.scriptMs)),
    loaderScriptMs: median(widget.map((sample) => sample.loaderScriptMs)),
    bootScriptMs: median(widget.map((sample) => sample.bootScriptMs)),
    longTasksWithout: median(host.map((sample) => sample.longTasks)),
    longTasksWithLoader: median(widget.map((sample) => sample.longTasks)),
  };
  test.info().annotations.push({ type: "figures", description: JSON.stringify(figures) });
  console.log(
    `loader script per load: ${widget.map((sample) => sample.loaderScriptMs.toFixed(3)).join(", ")} ms`,
  );

  // The loader ran (its script shows in the traces; a fresh CI machine once traced three of five
  // loads without it, so one load with it suffices), and none of the tasks it ran in came near a
  // long task's 50 ms, even counted with everything else that task did.
  expect(Math.max(...widget.map((sample) => sample.loaderScriptMs))).toBeGreaterThan(0);
  for (const sample of widget) expect(sample.loaderLongestTaskMs).toBeLessThan(50);
  // What the page itself observed: no more long tasks with the loader than without it.
  expect(figures.longTasksWithLoader).toBeLessThanOrEqual(figures.longTasksWithout);
  // The boot ran (mounting the widget is script) and stayed within its budget (BOOT_BUDGET_MS,
  // DESIGN §8): 6-8 ms on a fast 2-core machine, 11-13 ms on a slower one, where the page's first
  // localStorage access (the visitor token, the saved outbox) and Preact's first render weigh most.
  expect(figures.bootScriptMs).toBeGreaterThan(1);
  // On a slower machine, scaled by how much longer the host page's own script ran here than on
  // the machine where the budget was set (bench/widget-boot.ts `bootBudgetFor`).
  const budget = bootBudgetFor(figures.pageScriptMs);
  console.log(
    `widget boot: ${figures.bootScriptMs.toFixed(1)} ms of script; host page ${figures.pageScriptMs.toFixed(1)} ms; ` +
      `budget ${budget.toFixed(1)} ms (16 ms on the reference machine)`,
  );
  expect(figures.bootScriptMs).toBeLessThan(budget);
});

test("the relay serves the widget compressed: the browser downloads a fraction of its bytes", async ({
  page,
}) => {
  const downloaded = new Map<string, { encoding: string | undefined; bytes: number }>();
  page.on("requestfinished", async (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith("/widget/")) return;
    const response = await request.response();
    const sizes = await request.sizes();
    downloaded.set(path.replace(/-[A-Za-z0-9]+\.js$/, ".js"), {
      encoding: (await response?.allHeaders())?.["content-encoding"],
      bytes: sizes.responseBodySize,
    });
  });
  await page.goto(`${relay.url}/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
  await expect.poll(() => downloaded.has("/widget/widget.js")).toBe(true);
  const raw = async (path: string) =>
    (await (await fetch(`${relay.url}${path}`, { headers: { "accept-encoding": "identity" } })).arrayBuffer())
      .byteLength;
  for (const [path, { encoding, bytes }] of downloaded) {
    // Chromium takes Brotli from a secure context (localhost is one) and gzip everywhere.
    expect(["br", "gzip"], path).toContain(encoding);
    expect(bytes, path).toBeGreaterThan(0);
  }
  const widget = downloaded.get("/widget/widget.js");
  expect(widget).toBeDefined();
  expect(widget!.bytes).toBeLessThan((await raw("/widget/widget.js")) / 2);
  console.log(
    `downloaded to chat: ${[...downloaded].map(([path, d]) => `${path} ${d.bytes} B ${d.encoding}`).join(", ")}`,
  );
});
