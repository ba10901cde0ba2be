// What the widget costs a vendor's page in main-thread time (DESIGN §8: "0 ms long tasks from the
// loader; widget boot < 16 ms of script on this machine"), measured in real Chromium against a real
// relay. Used by `pnpm bench` (bench/run.ts) and asserted by e2e/widget-weight.spec.ts.
//
// Script time is read from a Chromium trace of the page's main thread: the CPU time (`tdur`) of the
// outermost script events (compiling, evaluating, calling into JS, microtasks), not their wall time,
// so that a busy machine (other processes on both cores) does not inflate it. Long tasks are what
// the page itself sees: `longtask` entries of a PerformanceObserver set up before anything runs.
import type { Browser, Page } from "@playwright/test";

/** The vendor's page: another origin than the relay (the demo app admits http://localhost:*). */
export const HOST_URL = "http://localhost:9/";

/** One page load without the widget. */
export interface HostSample {
  /** Script time of the page itself (its inline script), ms of CPU. */
  scriptMs: number;
  longTasks: number;
}

/** One page load with the loader snippet, then the widget's boot. */
export interface WidgetSample extends HostSample {
  /** Script time attributed to loader.js (its evaluation and its idle callback), ms of CPU. */
  loaderScriptMs: number;
  /** The longest task in which loader.js ran, ms of CPU. */
  loaderLongestTaskMs: number;
  /** From widget.js arriving to the `ready` event (mounted): script time on the main thread, ms of CPU. */
  bootScriptMs: number;
  /** The same, up to half a second after `ready` (the connection, the attention chunk). */
  settleScriptMs: number;
  /** Long tasks from widget.js arriving to half a second after `ready`. */
  bootLongTasks: number;
}

const SCRIPT_EVENTS = new Set([
  "EvaluateScript",
  "v8.evaluateModule",
  "v8.compile",
  "v8.compileModule",
  "v8.produceCache",
  "v8.produceModuleCache",
  "FunctionCall",
  "RunMicrotasks",
  "EventDispatch",
  "TimerFire",
  "FireIdleCallback",
  "FireAnimationFrame",
]);
const CATEGORIES = ["devtools.timeline", "v8.execute", "blink.user_timing"];
const SETTLE_MS = 500;
/** DESIGN §8: the widget's boot, in ms of script on the main thread. */
export const BOOT_BUDGET_MS = 16;
/**
 * The host page's own script (`hostPage`, a fixed workload) on the machine where that budget was
 * set: 5.72 ms (`pnpm bench`, median of ten). A slower machine runs the same page slower, and the
 * budget is scaled by the same ratio, measured in the same run; never below 16 ms.
 */
export const REFERENCE_PAGE_SCRIPT_MS = 5.72;

/** The boot budget on this machine, from the host page's script time measured beside it. */
export function bootBudgetFor(pageScriptMs: number): number {
  return BOOT_BUDGET_MS * Math.max(1, pageScriptMs / REFERENCE_PAGE_SCRIPT_MS);
}

/** A page like a vendor's: some content and a script of its own that renders a table. */
function hostPage(loaderUrl: string | null): string {
  return `<!doctype html><meta charset="utf-8"><title>Orders</title>
<main><h1>Orders</h1><table id="orders"></table></main>
<script>
  const table = document.getElementById("orders");
  for (let i = 0; i < 300; i++) {
    const row = table.insertRow();
    for (const text of ["#" + i, "Item " + i, (i * 7.3).toFixed(2)]) row.insertCell().textContent = text;
  }
</script>
${loaderUrl ? `<script async src="${loaderUrl}" data-app-id="demo"></script>` : ""}`;
}

/** Records the page's long tasks from the start, before any script of the page runs. */
function watchLongTasks() {
  const seen: { startTime: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof seen }).__longTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      seen.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (from) =>
      (window as unknown as { __longTasks: { startTime: number }[] }).__longTasks.filter(
        (task) => task.startTime >= from,
      ).length,
    since,
  );

async function newHostPage(browser: Browser, relayUrl: string, withWidget: boolean) {
  const context = await browser.newContext();
  const body = hostPage(withWidget ? `${relayUrl}/widget/loader.js` : null);
  await context.route(HOST_URL, (route) => route.fulfill({ contentType: "text/html", body }));
  await context.addInitScript(watchLongTasks);
  const page = await context.newPage();
  return { context, page };
}

/** Load the host page without the widget. */
export async function sampleHost(browser: Browser, relayUrl: string): Promise<HostSample> {
  const { context, page } = await newHostPage(browser, relayUrl, false);
  try {
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(HOST_URL, { waitUntil: "load" });
    // As long as the page with the loader waits for the idle callback that fetches widget.js.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
    const trace = parseTrace(await browser.stopTracing(), HOST_URL);
    return { scriptMs: scriptTime(trace, trace.main), longTasks: await longTasksSince(page, 0) };
  } finally {
    await context.close();
  }
}

/**
 * Load the host page with the loader snippet, holding widget.js back until the loader has done all
 * it does (it asks for widget.js when the page is idle), then let widget.js through and trace the
 * boot up to the `ready` event and half a second past it.
 */
export async function sampleWidget(browser: Browser, relayUrl: string): Promise<WidgetSample> {
  const { context, page } = await newHostPage(browser, relayUrl, true);
  try {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = () => {};
    const widgetAsked = new Promise<void>((resolve) => {
      asked = resolve;
    });
    await context.route(`${relayUrl}/widget/widget.js`, async (route) => {
      asked();
      await held;
      await route.continue();
    });

    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(HOST_URL, { waitUntil: "load" });
    await widgetAsked;
    const loading = parseTrace(await browser.stopTracing(), HOST_URL);
    const loader = loaderScript(loading, `${relayUrl}/widget/loader.js`);
    const longTasks = await longTasksSince(page, 0);

    // The boot ends with `ready`; the handler marks it on the trace's clock.
    const bootStart = await page.evaluate(() => performance.now());
    const ready = page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const relaydesk = (window as unknown as { Relaydesk: (...args: unknown[]) => void }).Relaydesk;
          relaydesk("on", "ready", () => {
            performance.mark("relaydesk-ready");
            resolve();
          });
        }),
    );
    await browser.startTracing(page, { categories: CATEGORIES });
    release();
    await ready;
    await page.waitForTimeout(SETTLE_MS);
    const booting = parseTrace(await browser.stopTracing(), `${relayUrl}/widget/`);
    const readyAt = booting.events.find((event) => event.name === "relaydesk-ready")?.ts;
    if (readyAt === undefined) throw new Error("the trace holds no relaydesk-ready mark");
    return {
      scriptMs: scriptTime(loading, loading.main),
      longTasks,
      loaderScriptMs: loader.scriptMs,
      loaderLongestTaskMs: loader.longestTaskMs,
      bootScriptMs: scriptTime(booting, booting.main, readyAt),
      settleScriptMs: scriptTime(booting, booting.main),
      bootLongTasks: await longTasksSince(page, bootStart),
    };
  } finally {
    await context.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; frame?: string } };
}

interface Trace {
  events: TraceEvent[];
  /** `pid:tid` of the host page's renderer main thread. */
  main: string;
}

const threadOf = (event: TraceEvent) => `${event.pid}:${event.tid}`;

/**
 * The trace's events and the host page's main thread: the renderer main thread that ran a script of
 * `scriptUrl` (the page's own, or the widget's). Other renderer threads run browser UI and other
 * pages; picking one of them measured next to nothing, so a trace without such a thread throws.
 */
function parseTrace(buffer: Buffer, scriptUrl: string): Trace {
  const parsed = JSON.parse(buffer.toString("utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const names = new Map<string, string>();
  for (const event of events) {
    if (event.ph === "M" && event.name === "thread_name") names.set(threadOf(event), event.args?.name ?? "");
  }
  const counts = new Map<string, number>();
  for (const event of events) {
    const thread = threadOf(event);
    if (
      names.get(thread) === "CrRendererMain" &&
      event.ph === "X" &&
      SCRIPT_EVENTS.has(event.name) &&
      event.args?.data?.url?.startsWith(scriptUrl)
    )
      counts.set(thread, (counts.get(thread) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) throw new TraceMissed(`the trace holds no script of ${scriptUrl}`);
  return { events, main };
}

/** A trace that did not record the page's main thread: the load is measured again. */
class TraceMissed extends Error {}

/** Run `sample` again (up to twice) when its trace missed the page; other errors pass. */
async function retraced<T>(sample: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sample();
    } catch (error) {
      if (!(error instanceof TraceMissed) || attempt === 2) throw error;
    }
  }
}

/** Outermost script events of a thread, each once (a FunctionCall inside EvaluateScript is not counted again). */
function outermostScript(trace: Trace, thread: string, until = Number.POSITIVE_INFINITY): TraceEvent[] {
  const script = trace.events
    .filter(
      (event) =>
        event.ph === "X" && threadOf(event) === thread && SCRIPT_EVENTS.has(event.name) && event.ts <= until,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const event of script) {
    if (event.ts < end) continue;
    outer.push(event);
    end = event.ts + (event.dur ?? 0);
  }
  return outer;
}

const cpuMs = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;

function scriptTime(trace: Trace, thread: string, until?: number): number {
  return outermostScript(trace, thread, until).reduce((sum, event) => sum + cpuMs(event), 0);
}

/** Script events that ran loader.js's code, and the longest task (RunTask) holding one of them. */
function loaderScript(trace: Trace, loaderUrl: string): { scriptMs: number; longestTaskMs: number } {
  const mine = outermostScript(trace, trace.main).filter((event) => event.args?.data?.url === loaderUrl);
  const tasks = trace.events.filter(
    (event) => event.ph === "X" && event.name === "RunTask" && threadOf(event) === trace.main,
  );
  let longestTaskMs = 0;
  for (const event of mine) {
    const task = tasks.find((t) => t.ts <= event.ts && event.ts + (event.dur ?? 0) <= t.ts + (t.dur ?? 0));
    longestTaskMs = Math.max(longestTaskMs, task ? cpuMs(task) : cpuMs(event));
  }
  return { scriptMs: mine.reduce((sum, event) => sum + cpuMs(event), 0), longestTaskMs };
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Nearest-rank quantile (p90 of 10 samples is the 9th smallest). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** `runs` pairs of page loads, without and with the widget, alternating so drift hits both alike. */
export async function measureWidgetBoot(
  browser: Browser,
  relayUrl: string,
  runs: number,
): Promise<{ host: HostSample[]; widget: WidgetSample[] }> {
  const host: HostSample[] = [];
  const widget: WidgetSample[] = [];
  // One unmeasured round first: the relay's first responses and Chromium's caches warm up.
  await retraced(() => sampleHost(browser, relayUrl));
  await retraced(() => sampleWidget(browser, relayUrl));
  for (let run = 0; run < runs; run++) {
    host.push(await retraced(() => sampleHost(browser, relayUrl)));
    widget.push(await retraced(() => sampleWidget(browser, relayUrl)));
  }
  return { host, widget };
}
