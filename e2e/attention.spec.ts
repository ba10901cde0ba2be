import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { connectAgent } from "./fixtures/look-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Attention once per browser: two tabs of the demo page in one browser context share the widget.
// While one of them is visible, a reply from support calls for no attention at all; while both are
// hidden, exactly one of them (the one visible last) flashes its title, beeps and shows a
// notification. Visibility is emulated (headless pages are always "visible"); Notification is a
// stub that counts what the widget shows and grants permission when asked; beeps are counted at
// OscillatorNode.start. The widget's own code, the relay and the tab sharing are real.

const TITLE = "Acme Analytics — Dashboard";

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
const agents: { close(): void }[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const agent of agents.splice(0)) agent.close();
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

interface Recorded {
  titles: string[];
  notifications: { title: string; body: string; tag: string }[];
  permissionRequests: number;
  beeps: number;
}

/** Runs in every page before the widget: visibility hook, Notification stub, counters. */
function emulateAttention() {
  const recorded: Recorded = { titles: [], notifications: [], permissionRequests: 0, beeps: 0 };
  const win = window as unknown as Record<string, unknown>;
  win.__recorded = recorded;

  let visibility: DocumentVisibilityState = "visible";
  Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => visibility });
  Object.defineProperty(Document.prototype, "hidden", {
    configurable: true,
    get: () => visibility === "hidden",
  });
  win.__setVisibility = (next: DocumentVisibilityState) => {
    visibility = next;
    document.dispatchEvent(new Event("visibilitychange"));
  };

  // The permission belongs to the origin, as in a real browser: kept where every tab sees it.
  const PERMISSION = "e2e:notification-permission";
  const shown: { onclick: (() => void) | null }[] = [];
  win.__clickNotification = (index: number) => shown[index]?.onclick?.();
  class StubNotification {
    onclick: (() => void) | null = null;
    static get permission() {
      return localStorage.getItem(PERMISSION) ?? "default";
    }
    static requestPermission() {
      recorded.permissionRequests++;
      localStorage.setItem(PERMISSION, "granted");
      return Promise.resolve("granted");
    }
    constructor(title: string, options: { body: string; tag: string }) {
      recorded.notifications.push({ title, body: options.body, tag: options.tag });
      shown.push(this);
    }
    close() {}
  }
  win.Notification = StubNotification;

  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
    recorded.beeps++;
    return start.apply(this, args);
  };

  // Every title the page shows, in order (the flash alternates two of them).
  new MutationObserver(() => {
    if (recorded.titles.at(-1) !== document.title) recorded.titles.push(document.title);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

const recordedIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded);
const setVisibility = (page: Page, state: "visible" | "hidden") =>
  page.evaluate(
    (next) => (window as unknown as { __setVisibility(s: string): void }).__setVisibility(next),
    state,
  );
/** The titles a page showed other than its own (and the empty one before its <title> is parsed). */
const flashesIn = async (page: Page) =>
  (await recordedIn(page)).titles.filter((title) => title !== TITLE && title !== "");
/** The titles from the first flash on. */
const flashFrom = async (page: Page) => {
  const { titles } = await recordedIn(page);
  return titles.slice(titles.indexOf("(1) New message"));
};
const totals = async (pages: Page[]) => {
  const all = await Promise.all(pages.map(recordedIn));
  return {
    notifications: all.reduce((sum, one) => sum + one.notifications.length, 0),
    beeps: all.reduce((sum, one) => sum + one.beeps, 0),
  };
};

test("a reply while every tab is hidden calls for attention once per browser, and none while a tab is visible", async ({
  browser,
}) => {
  const context = await browser.newContext();
  contexts.push(context);
  await context.addInitScript(emulateAttention);
  // The demo page with the switches on, as a vendor would write the tag.
  await context.route(`${relay.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      'data-app-id="demo"',
      'data-app-id="demo" data-sound data-notifications="true"',
    );
    await route.fulfill({ response, body: html });
  });
  const agent = await connectAgent(relay.url, relay.agentToken);
  agents.push(agent);

  const first = await context.newPage();
  await first.goto(`${relay.url}/`);
  await first.getByRole("button", { name: "Open chat" }).click();
  const panel = first.getByRole("dialog", { name: "Chat" });
  // Loading and opening the panel ask nothing; the first send asks for notifications.
  await first.waitForTimeout(300);
  expect((await recordedIn(first)).permissionRequests).toBe(0);
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Is anyone there?");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect.poll(async () => (await recordedIn(first)).permissionRequests).toBe(1);
  const conversationId = await agent.conversation();
  await panel.getByRole("button", { name: "Close chat" }).click();

  // The second tab shares the connection; it became visible last.
  const second = await context.newPage();
  await second.goto(`${relay.url}/`);
  await expect(second.getByRole("button", { name: "Open chat" })).toBeVisible();
  const tabs = [first, second];
  for (const tab of tabs) await setVisibility(tab, "hidden");

  // Both hidden: exactly one tab calls for attention, the one seen last.
  agent.reply(conversationId, "Yes, we are here.");
  await expect.poll(() => flashesIn(second)).toContain("(1) New message");
  await expect.poll(() => totals(tabs)).toEqual({ notifications: 1, beeps: 1 });
  const [notification] = (await recordedIn(second)).notifications;
  expect(notification).toEqual({
    title: "E2E Agent",
    body: "Yes, we are here.",
    tag: `relaydesk:demo:${conversationId}`,
  });
  // The title alternates with the page's own.
  await expect
    .poll(async () => (await flashFrom(second)).slice(0, 3))
    .toEqual(["(1) New message", TITLE, "(1) New message"]);
  for (const tab of tabs) {
    await expect(tab.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription("1 unread");
  }
  expect(await flashesIn(first)).toEqual([]);
  expect(await totals(tabs)).toEqual({ notifications: 1, beeps: 1 });

  // The flashing tab becomes visible: its own title is back at once.
  await setVisibility(second, "visible");
  expect(await second.title()).toBe(TITLE);
  await second.waitForTimeout(1500);
  expect(await second.title()).toBe(TITLE);
  await setVisibility(second, "hidden");

  // One tab visible: the visitor sees the widget there, so no tab calls for attention.
  await setVisibility(first, "visible");
  const flashedBefore = (await recordedIn(second)).titles.length;
  agent.reply(conversationId, "Take your time.");
  for (const tab of tabs) {
    await expect(tab.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription("2 unread");
  }
  await first.waitForTimeout(1500);
  expect(await totals(tabs)).toEqual({ notifications: 1, beeps: 1 });
  expect(await flashesIn(first)).toEqual([]);
  expect((await recordedIn(second)).titles.length).toBe(flashedBefore);

  // Hidden again: now the first tab was seen last, and it alone calls for attention.
  await setVisibility(first, "hidden");
  agent.reply(conversationId, "Still here when you are back.");
  await expect.poll(() => flashesIn(first)).toContain("(1) New message");
  await expect.poll(() => totals(tabs)).toEqual({ notifications: 2, beeps: 2 });
  expect((await recordedIn(first)).notifications.map((shown) => shown.body)).toEqual([
    "Still here when you are back.",
  ]);
  expect((await recordedIn(second)).titles.length).toBe(flashedBefore);

  // Another tab becoming visible ends the flash in this one, with the exact original title.
  await setVisibility(second, "visible");
  await expect.poll(() => first.title()).toBe(TITLE);
  await first.waitForTimeout(1500);
  expect(await first.title()).toBe(TITLE);
  await setVisibility(second, "hidden");

  // Clicking the notification opens the panel (in both tabs: the panel state is shared), which
  // reads the messages: the launcher badge is gone in both once the panel is closed again.
  await first.evaluate(() =>
    (window as unknown as { __clickNotification(i: number): void }).__clickNotification(0),
  );
  for (const tab of tabs) await expect(tab.getByRole("dialog", { name: "Chat" })).toBeVisible();
  await second.getByRole("dialog", { name: "Chat" }).getByRole("button", { name: "Close chat" }).click();
  for (const tab of tabs) {
    await expect(tab.getByRole("button", { name: "Open chat" })).toBeVisible();
    await expect(tab.getByRole("button", { name: "Open chat" })).not.toHaveAccessibleDescription(/unread/);
  }
  expect(await totals(tabs)).toEqual({ notifications: 2, beeps: 2 });
  expect((await recordedIn(first)).permissionRequests + (await recordedIn(second)).permissionRequests).toBe(
    1,
  );
});
