import { type BrowserContext, expect, test } from "@playwright/test";
import {
  connectAgent,
  hostOf,
  openDemo,
  panelOf,
  savePicture,
  sendFromPanel,
  styleIn,
} from "./fixtures/look-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Colour schemes and the vendor's own colours, on the demo page under its strict CSP: light by
// default, dark by data-color-scheme, auto following the system's preference; a vendor's --rd-*
// on relaydesk-widget wins over the widget's own; no motion under prefers-reduced-motion.

// Each test starts a relay and browser contexts: slow on a busy 2-core machine.
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

async function newContext(browser: import("@playwright/test").Browser, options = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

const WHITE = "rgb(255, 255, 255)";
const DARK_BG = "rgb(24, 28, 36)";

test('light by default, dark with data-color-scheme="dark", each as the visitor sees it', async ({
  browser,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  const light = await openDemo(await newContext(browser, { colorScheme: "dark" }), relay.url);
  // Light even on a dark system: the vendor did not ask for dark or auto.
  await expect(light.page.getByRole("button", { name: "Open chat" })).toBeVisible();
  await savePicture(light.page, "launcher-light");
  await light.page.getByRole("button", { name: "Open chat" }).click();
  const panel = panelOf(light.page);
  await sendFromPanel(panel, "Message", "Hello, can you see this in light?");
  agent.reply(await agent.conversation(), "Yes, loud and clear.");
  await expect(panel.locator('.rd-msg[data-author="agent"]')).toHaveCount(1);
  expect(await styleIn(light.page, ".rd-panel", "background-color")).toBe(WHITE);
  await savePicture(light.page, "panel-light");

  const dark = await openDemo(await newContext(browser), relay.url, {
    attributes: 'data-color-scheme="dark"',
  });
  await expect(hostOf(dark.page)).toHaveAttribute("data-color-scheme", "dark");
  await dark.page.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => styleIn(dark.page, ".rd-panel", "background-color")).toBe(DARK_BG);
  expect(await styleIn(dark.page, ".rd-input", "color-scheme")).toBe("dark");
  expect(await styleIn(dark.page, ".rd-title", "color")).toBe("rgb(11, 16, 32)");
  await sendFromPanel(panelOf(dark.page), "Message", "And now in the dark?");
  await savePicture(dark.page, "panel-dark");
  expect(await dark.violations()).toEqual([]);
  expect(await light.violations()).toEqual([]);
  agent.close();
});

test('"auto" follows the system preference, also when it changes', async ({ browser }) => {
  const context = await newContext(browser, { colorScheme: "light" });
  const { page } = await openDemo(context, relay.url, { attributes: 'data-color-scheme="auto"' });
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(panelOf(page)).toBeVisible();
  // The dark palette comes with the look chunk; a light system keeps the light one.
  await expect
    .poll(() =>
      page.evaluate(() => document.querySelector("relaydesk-widget")?.shadowRoot?.adoptedStyleSheets.length),
    )
    .toBeGreaterThan(2);
  expect(await styleIn(page, ".rd-panel", "background-color")).toBe(WHITE);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => styleIn(page, ".rd-panel", "background-color")).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => styleIn(page, ".rd-panel", "background-color")).toBe(WHITE);
});

test("the scheme can be given to boot, and a wrong one is reported and shows light", async ({ browser }) => {
  const context = await newContext(browser);
  const { page } = await openDemo(context, relay.url, { attributes: 'data-auto-boot="false"' });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.evaluate(() => {
    const relaydesk = (window as unknown as { Relaydesk(...args: unknown[]): void }).Relaydesk;
    // The vendor's error handler hears it too, as with any bad option.
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    relaydesk("on", "error", (error: { code: string; message: string }) =>
      heard.push(`${error.code}: ${error.message}`),
    );
    relaydesk("boot", { appId: "demo", colorScheme: "purple", locale: "not a tag!" });
  });
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  await expect
    .poll(() => errors)
    .toContainEqual(expect.stringContaining('colorScheme must be "light", "dark" or "auto", got "purple"'));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard.sort()))
    .toEqual([
      'invalid-argument: Relaydesk: colorScheme must be "light", "dark" or "auto", got "purple"',
      'invalid-argument: Relaydesk: locale must be a language tag such as "es" or "ar-EG", got "not a tag!"',
    ]);
  await expect(hostOf(page)).toHaveAttribute("data-color-scheme", "light");
  await page.evaluate(() => {
    const relaydesk = (window as unknown as { Relaydesk(...args: unknown[]): void }).Relaydesk;
    relaydesk("shutdown");
    relaydesk("boot", { appId: "demo", colorScheme: "dark" });
  });
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => styleIn(page, ".rd-panel", "background-color")).toBe(DARK_BG);
});

test("a vendor's custom properties on relaydesk-widget win, in light and dark", async ({ browser }) => {
  const vendorCss =
    "relaydesk-widget { --rd-accent: rgb(10, 124, 85); --rd-radius: 4px; --rd-font: Georgia, serif; }";
  for (const scheme of ["light", "dark"]) {
    const context = await newContext(browser);
    const { page } = await openDemo(context, relay.url, {
      attributes: `data-color-scheme="${scheme}"`,
      vendorCss,
    });
    await expect(page.getByRole("button", { name: "Open chat" })).toHaveCSS(
      "background-color",
      "rgb(10, 124, 85)",
    );
    await page.getByRole("button", { name: "Open chat" }).click();
    await expect(panelOf(page)).toHaveCSS("border-radius", "4px");
    await expect(panelOf(page)).toHaveCSS("font-family", "Georgia, serif");
    await expect(panelOf(page).locator(".rd-header")).toHaveCSS("background-color", "rgb(10, 124, 85)");
  }
});

test("no animation or transition under prefers-reduced-motion", async ({ browser }) => {
  const moving = await openDemo(await newContext(browser), relay.url);
  await moving.page.getByRole("button", { name: "Open chat" }).click();
  expect(await styleIn(moving.page, ".rd-panel", "animation-name")).toBe("rd-in");

  const still = await openDemo(await newContext(browser, { reducedMotion: "reduce" }), relay.url);
  await expect(still.page.getByRole("button", { name: "Open chat" })).toBeVisible();
  expect(await styleIn(still.page, ".rd-launcher", "transition-duration")).toBe("0s");
  await still.page.getByRole("button", { name: "Open chat" }).click();
  expect(await styleIn(still.page, ".rd-panel", "animation-name")).toBe("none");
});
