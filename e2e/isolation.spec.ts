import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { HOST_ORIGIN, serveHost } from "./fixtures/host-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Issue 5, point 3. Isolation: a host page with a hostile stylesheet changes nothing in the widget
// (computed styles and boxes compared with a clean page), and the widget's styles change nothing
// on the host page. Crash resilience: an unreachable relay, bad boot options and exceptions forced
// while the widget starts or renders leave the host page working, reported through `error` and
// the console.

// Each test opens two pages or waits out a reconnect; on a busy machine that takes a while.
test.describe.configure({ timeout: 180_000 });

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

const HOSTILE_CSS = `
* { all: revert; font-size: 40px !important; color: red !important; line-height: 3 !important;
    letter-spacing: 4px !important; font-family: serif !important; box-sizing: content-box !important;
    visibility: visible !important; text-transform: uppercase !important; cursor: wait !important; }
button { display: none !important; background: yellow !important; border: 9px solid lime !important; }
div { position: static !important; margin: 30px !important; padding: 25px !important; }
p, span, h2, header, form, textarea { display: inline !important; width: 10px !important; }
svg { width: 300px !important; height: 300px !important; }
*::before, *::after { content: "!" !important; }
:root { font-size: 30px; zoom: 1; }
`;

/** A host page with some content, its own stylesheet (if any) and the loader tag (if `widget`). */
const hostHtml = (css: string, widget: boolean, attributes = "") => `<title>Vendor</title>
  ${css ? `<style>${css}</style>` : ""}
  <h1>Vendor app</h1>
  <p class="intro">Some <a href="#x">text</a> and <strong>more</strong>.</p>
  <div class="card"><span>Card</span> <button id="host-button">Host button</button></div>
  <form><label>Name <input name="n"></label><textarea>notes</textarea><select><option>A</option></select></form>
  <ul><li>one</li><li>two</li></ul>
  ${widget ? `<script async src="${relay.url}/widget/loader.js" data-app-id="demo" ${attributes}></script>` : ""}`;

async function openPage(browser: Browser, html: string, init?: string) {
  const context = await browser.newContext();
  contexts.push(context);
  await serveHost(context, () => ({ html }));
  if (init) await context.addInitScript({ content: init });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  const logged: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") logged.push(message.text());
  });
  await page.goto(`${HOST_ORIGIN}/`);
  return { page, problems, logged };
}

const STYLE_PROPS = [
  "display",
  "position",
  "width",
  "height",
  "font-size",
  "font-family",
  "font-weight",
  "line-height",
  "letter-spacing",
  "text-transform",
  "color",
  "background-color",
  "border-top-width",
  "border-top-color",
  "margin-top",
  "padding-top",
  "box-sizing",
  "visibility",
  "cursor",
  "z-index",
  "right",
  "bottom",
];

/** Computed styles and boxes of the widget's parts (inside its shadow root). */
async function widgetLooks(page: Page, selectors: string[]) {
  return page.evaluate(
    async ({ selectors, props }) => {
      const root = document.querySelector("relaydesk-widget")?.shadowRoot;
      // Measured at rest: after the panel's opening animation.
      await Promise.all((root?.getAnimations() ?? []).map((animation) => animation.finished));
      const host = document.querySelector("relaydesk-widget");
      const look = (el: Element | null | undefined) => {
        if (!el) return null;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          box: [box.x, box.y, box.width, box.height].map(Math.round),
          ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
        };
      };
      return {
        host: look(host),
        ...Object.fromEntries(selectors.map((s) => [s, look(root?.querySelector(s))])),
      };
    },
    { selectors, props: STYLE_PROPS },
  );
}

/** Computed styles and boxes of every host element (the widget's host excluded). */
async function hostLooks(page: Page) {
  return page.evaluate((props) => {
    const out: Record<string, unknown> = {};
    let i = 0;
    for (const el of Array.from(document.querySelectorAll("body *:not(relaydesk-widget):not(script)"))) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      out[`${i++} ${el.tagName}`] = {
        box: [box.x, box.y, box.width, box.height].map(Math.round),
        ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
      };
    }
    const root = getComputedStyle(document.documentElement);
    out.root = { fontSize: root.fontSize, color: root.color, colorScheme: root.colorScheme };
    return out;
  }, STYLE_PROPS);
}

const launcherOf = (page: Page) => page.getByRole("button", { name: "Open chat" });
const panelOf = (page: Page) => page.getByRole("dialog", { name: "Chat" });

test("a hostile host stylesheet changes nothing in the launcher or the panel", async ({ browser }) => {
  const clean = await openPage(browser, hostHtml("", true));
  const hostile = await openPage(browser, hostHtml(HOSTILE_CSS, true));
  // The hostile rules do apply to the host page itself.
  await expect(hostile.page.locator("#host-button")).toBeHidden();
  expect(await hostile.page.locator("h1").evaluate((el) => getComputedStyle(el).color)).toBe(
    "rgb(255, 0, 0)",
  );

  const closedParts = [".rd-launcher", ".rd-launcher svg"];
  for (const { page } of [clean, hostile]) await expect(launcherOf(page)).toBeVisible();
  expect(await widgetLooks(hostile.page, closedParts)).toEqual(await widgetLooks(clean.page, closedParts));

  const openParts = [
    ".rd-panel",
    ".rd-header",
    ".rd-title",
    ".rd-log",
    ".rd-empty",
    ".rd-composer",
    ".rd-input",
    ".rd-send",
    ".rd-attach",
  ];
  for (const { page } of [clean, hostile]) {
    await launcherOf(page).click();
    await expect(panelOf(page)).toBeVisible();
    // The attach button comes with the attachments chunk, a moment after the panel opens; the
    // composer's field narrows to make room for it.
    await expect(panelOf(page).getByLabel("Attach files")).toBeAttached();
  }
  const cleanOpen = await widgetLooks(clean.page, openParts);
  expect((cleanOpen as Record<string, unknown>)[".rd-input"]).not.toBeNull();
  expect(await widgetLooks(hostile.page, openParts)).toEqual(cleanOpen);

  // And it works there: a message goes out and shows the same.
  for (const { page } of [clean, hostile]) {
    await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).fill("Styled the same?");
    await panelOf(page).getByRole("button", { name: "Send" }).click();
    await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
      "data-status",
      "sent",
    );
  }
  const bubble = [".rd-msg", ".rd-body", ".rd-status"];
  expect(await widgetLooks(hostile.page, bubble)).toEqual(await widgetLooks(clean.page, bubble));
  expect([...clean.problems, ...hostile.problems, ...clean.logged, ...hostile.logged]).toEqual([]);
});

test("the widget's styles do not reach the host page", async ({ browser }) => {
  const without = await openPage(browser, hostHtml("", false));
  const withWidget = await openPage(
    browser,
    hostHtml("", true, 'data-accent-color="rgb(200, 0, 0)" data-open-on-load'),
  );
  await expect(panelOf(withWidget.page)).toBeVisible();
  expect(await hostLooks(withWidget.page)).toEqual(await hostLooks(without.page));
  // Not through the host element's attributes either: it has none that style.
  expect(await withWidget.page.locator("relaydesk-widget").getAttribute("style")).toBeNull();
  expect(await withWidget.page.locator("style, link[rel=stylesheet]").count()).toBe(0);
});

test("an unreachable relay never blocks the host page", async ({ browser }) => {
  // The loader itself cannot be fetched: the page goes on without a widget, silently but for the
  // browser's own network message.
  const unreachable = `<h1>Vendor</h1><button id="host-button" onclick="this.textContent = 'clicked'">Host button</button>
    <script async src="http://localhost:1/widget/loader.js" data-app-id="demo"></script>`;
  const down = await openPage(browser, unreachable);
  await down.page.locator("#host-button").click();
  await expect(down.page.locator("#host-button")).toHaveText("clicked");
  await expect(down.page.locator("relaydesk-widget")).toHaveCount(0);
  expect(down.problems).toEqual([]);

  // The widget loaded, then the relay went away: the launcher says it is offline, the page works.
  const { page, problems } = await openPage(
    browser,
    `<h1>Vendor</h1><button id="host-button" onclick="this.textContent = 'clicked ' + (+this.dataset.n || 1); this.dataset.n = (+this.dataset.n || 1) + 1">Host button</button>
     <script async src="${relay.url}/widget/loader.js" data-app-id="demo"></script>`,
  );
  await expect(launcherOf(page)).toBeVisible();
  // The attention part is fetched as the widget boots; the relay goes away once it is here.
  await page.waitForLoadState("networkidle");
  await relay.stop();
  await expect(page.getByRole("button", { name: "Open chat (offline)" })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".rd-launcher")).toHaveAttribute("data-state", "reconnecting");
  await page.locator("#host-button").click();
  await expect(page.locator("#host-button")).toHaveText("clicked 1");
  await launcherOf(page).click();
  await expect(panelOf(page).getByRole("status")).toHaveText("Reconnecting…");
  await page.locator("#host-button").click();
  await expect(page.locator("#host-button")).toHaveText("clicked 2");
  expect(problems).toEqual([]);
});

/** Records `error` events of the widget in `window.widgetErrors` (defined before the loader). */
function recordErrors() {
  const w = window as unknown as Record<string, unknown> & {
    Relaydesk: ((...args: unknown[]) => void) & { q?: unknown[] };
  };
  const errors: string[] = [];
  w.widgetErrors = errors;
  w.Relaydesk = function (this: unknown) {
    w.Relaydesk.q = w.Relaydesk.q || [];
    // biome-ignore lint/complexity/noArguments: the stub vendors paste
    w.Relaydesk.q.push(arguments);
  };
  w.Relaydesk("on", "error", (error: { code: string; message: string }) =>
    errors.push(`${error.code}: ${error.message}`),
  );
}

/** `recordErrors` as page script (init scripts are sent as text; closures do not come along). */
const RECORD_ERRORS = `(${recordErrors.toString()})();`;

const widgetErrors = (page: Page) =>
  page.evaluate(() => (window as unknown as { widgetErrors: string[] }).widgetErrors);
const clickHost = async (page: Page) => {
  await page.locator("#host-button").evaluate((el) => {
    el.addEventListener("click", () => {
      el.textContent = "clicked";
    });
  });
  await page.locator("#host-button").click();
  await expect(page.locator("#host-button")).toHaveText("clicked");
};

test("bad boot options and an exception while the widget starts leave the host page working", async ({
  browser,
}) => {
  // Booted by the page with an app id the protocol cannot carry.
  const bad = await openPage(browser, hostHtml("", true, 'data-auto-boot="false"'), RECORD_ERRORS);
  await bad.page.waitForFunction(() => (window as { Relaydesk?: { api?: unknown } }).Relaydesk?.api);
  await bad.page.evaluate(() =>
    (window as unknown as { Relaydesk(...a: unknown[]): void }).Relaydesk("boot", { appId: "not an id!" }),
  );
  const badMessage = 'Relaydesk: appId must be up to 128 letters, digits or . _ : ~ -, got "not an id!"';
  await expect.poll(() => widgetErrors(bad.page)).toEqual([`invalid-argument: ${badMessage}`]);
  expect(bad.logged).toEqual([badMessage]);
  await expect(bad.page.locator("relaydesk-widget")).toHaveCount(0);
  await clickHost(bad.page);

  // The browser refuses a shadow root (forced here): the widget reports it and leaves nothing behind.
  const broken = await openPage(
    browser,
    hostHtml("", true),
    `${RECORD_ERRORS}
    Element.prototype.attachShadow = () => { throw new Error("forced: no shadow root"); };`,
  );
  const brokenMessage = "Relaydesk: the widget failed: Error: forced: no shadow root";
  await expect.poll(() => widgetErrors(broken.page)).toEqual([`widget-failed: ${brokenMessage}`]);
  expect(broken.logged[0]).toContain(brokenMessage);
  expect(broken.problems).toEqual([]);
  await expect(broken.page.locator("relaydesk-widget")).toHaveCount(0);
  await clickHost(broken.page);
});

test("an exception while the widget renders hides it, reports it and leaves the host page working", async ({
  browser,
}) => {
  // Forced: rendering a conversation's time in the list of conversations throws (a just-sent
  // message's time is relative: "now", Intl.RelativeTimeFormat).
  const { page, logged, problems } = await openPage(
    browser,
    hostHtml("", true),
    `${RECORD_ERRORS}
    Intl.RelativeTimeFormat.prototype.format = () => { throw new Error("forced: render failed"); };`,
  );
  await launcherOf(page).click();
  await panelOf(page)
    .getByRole("textbox", { name: "Message", exact: true })
    .fill("Listed with a time that throws");
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    "sent",
  );
  await panelOf(page).getByRole("button", { name: "Your conversations" }).click();
  const message = "Relaydesk: the widget failed: Error: forced: render failed";
  await expect.poll(() => widgetErrors(page)).toEqual([`widget-failed: ${message}`]);
  expect(logged[0]).toContain(message);
  expect(problems).toEqual([]);
  await expect(panelOf(page)).toHaveCount(0);
  await expect(launcherOf(page)).toHaveCount(0);
  await clickHost(page);
});

test("a relay that refuses the page's origin: the launcher and the panel say so, `error` and the console say why", async ({
  browser,
}) => {
  // A site the demo app does not list (it admits http://localhost:*): the relay closes with 4004.
  const origin = "http://refused.test";
  const context = await browser.newContext();
  contexts.push(context);
  await context.route(
    (url) => url.origin === origin,
    (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><title>Vendor</title><h1>Vendor</h1><button id="host-button">Host button</button>
          <script async src="${relay.url}/widget/loader.js" data-app-id="demo"></script>`,
      }),
  );
  await context.addInitScript({ content: RECORD_ERRORS });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") logged.push(message.text());
  });
  await page.goto(`${origin}/`);
  // Worded by the extras chunk, which the refusing relay still serves.
  const why =
    /^Relaydesk: the relay refused the connection \(origin-not-allowed: .+\)\. Check data-app-id and that the relay allows this page's origin \(relaydesk apps add <appId> --origin <origin>\)\.$/;
  await expect.poll(() => widgetErrors(page)).toHaveLength(1);
  const [reported] = await widgetErrors(page);
  expect(reported?.replace(/^connection-refused: /, "")).toMatch(why);
  expect(reported).toMatch(/^connection-refused: /);
  expect(logged.some((line) => why.test(line))).toBe(true);
  const launcher = page.getByRole("button", { name: "Open chat (offline)" });
  await expect(launcher).toHaveAttribute("data-state", "failed");
  await launcher.click();
  await expect(panelOf(page).getByRole("status")).toHaveText("Chat is unavailable right now.");
  await clickHost(page);
});
