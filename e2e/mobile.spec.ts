import { type BrowserContext, expect, test } from "@playwright/test";
import { fetchedChunks, openDemo, panelOf, savePicture, sendFromPanel } from "./fixtures/look-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// A phone (390 x 844, touch): the panel fills the screen, and when the on-screen keyboard takes the
// bottom of the screen (the visual viewport shrinks), the composer moves up above it. The keyboard
// is simulated by what the browser reports for it: visualViewport's height, offsetTop and its
// resize/scroll events.

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

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test("on a phone the panel fills the screen and the composer stays above the on-screen keyboard", async ({
  browser,
}) => {
  const context = await browser.newContext(PHONE);
  contexts.push(context);
  const { page, violations } = await openDemo(context, relay.url);
  const launcher = page.getByRole("button", { name: "Open chat" });
  await expect(launcher).toBeVisible();
  await expect.poll(() => fetchedChunks(page)).toContain("viewport");
  const spot = (await launcher.boundingBox())!;
  expect(spot.x + spot.width).toBeLessThanOrEqual(390 - 12);
  expect(spot.y + spot.height).toBeLessThanOrEqual(844 - 12);
  await savePicture(page, "launcher-mobile");

  await launcher.tap();
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  // After its opening animation (it slides up 12 px).
  await panel.evaluate((el) => Promise.all(el.getAnimations().map((animation) => animation.finished)));
  expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await sendFromPanel(panel, "Message", "Typing on my phone");
  await savePicture(page, "panel-mobile");

  // The keyboard opens: the visual viewport is 500 px high, then scrolled 40 px down.
  await page.evaluate(() => {
    const view = window.visualViewport!;
    Object.defineProperty(view, "height", { configurable: true, get: () => 500 });
    view.dispatchEvent(new Event("resize"));
  });
  await expect.poll(async () => (await panel.boundingBox())?.height).toBe(500);
  const composer = panel.locator(".rd-composer");
  let box = (await composer.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(500);
  await page.evaluate(() => {
    const view = window.visualViewport!;
    Object.defineProperty(view, "offsetTop", { configurable: true, get: () => 40 });
    view.dispatchEvent(new Event("scroll"));
  });
  await expect.poll(async () => (await panel.boundingBox())?.y).toBe(40);
  box = (await composer.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(540);
  await expect(panel.getByRole("textbox", { name: "Message", exact: true })).toBeInViewport();
  // Nobody is online: the form to leave an email stays under the messages, and scrolls within at
  // most 45 % of the short panel instead of pushing the messages out of sight.
  const offline = panel.getByRole("form", { name: "Leave your email" });
  await expect(offline).toBeVisible();
  expect((await offline.boundingBox())!.height).toBeLessThanOrEqual(500 * 0.45 + 1);
  expect((await panel.locator(".rd-log").boundingBox())!.height).toBeGreaterThanOrEqual(120);
  await expect(panel.getByText("Typing on my phone")).toBeInViewport();
  await offline.getByRole("textbox", { name: "Your email" }).focus();
  await expect(offline.getByRole("textbox", { name: "Your email" })).toBeInViewport();
  await savePicture(page, "panel-mobile-keyboard");
  // Through the CSSOM: the values sit in an adopted stylesheet, not in a style attribute of the host
  // (which a strict CSP would block), and the CSP saw nothing to block.
  expect(
    await page.evaluate(() => {
      const host = document.querySelector("relaydesk-widget")!;
      const rules = host.shadowRoot!.adoptedStyleSheets.flatMap((sheet) =>
        Array.from(sheet.cssRules, (rule) => rule.cssText),
      );
      return {
        style: host.getAttribute("style"),
        rule: rules.find((text) => text.startsWith(":host { --rd-vvh")),
      };
    }),
  ).toEqual({ style: null, rule: ":host { --rd-vvh: 500px; --rd-vvt: 40px; }" });
  expect(await violations()).toEqual([]);
});

test("on a wide screen the panel is a card in the corner, and the viewport chunk is not fetched", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const { page } = await openDemo(context, relay.url);
  await page.getByRole("button", { name: "Open chat" }).click();
  const box = (await panelOf(page).boundingBox())!;
  expect(box.width).toBe(370);
  expect(box.x + box.width).toBe(1280 - 20);
  await page.waitForTimeout(300);
  expect(await fetchedChunks(page)).not.toContain("viewport");
});
