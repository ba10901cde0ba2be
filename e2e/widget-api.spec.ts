import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { HOST_ORIGIN, serveHost } from "./fixtures/host-page.ts";
import { connectNodeAgent, type NodeAgent } from "./fixtures/node-agent.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Issue 5, points 1 and 2: the JavaScript API a vendor calls through window.Relaydesk (queued
// before the loader, replayed in order), its events in both directions with a real agent, the
// display options from data-* attributes, one widget however often the snippet runs, and a
// shutdown that forgets the visitor without touching the page's history.

// Real relay, agent and Chromium per test; on a busy machine a test takes a while.
test.describe.configure({ timeout: 180_000 });

let relay: RunningRelay;
let agent: NodeAgent | null = null;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  agent?.close();
  agent = null;
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

const EVENTS = [
  "ready",
  "open",
  "close",
  "message",
  "unread-count",
  "conversation-started",
  "conversation-closed",
  "error",
];

/**
 * A page of the vendor's site with the loader tag (`attributes` added to it), and the usual stub
 * defined before it that records every event as "name:summary" in `window.events` and queues
 * `queued` calls.
 */
async function openHostPage(browser: Browser, attributes = "", queued: unknown[][] = []) {
  const context = await browser.newContext();
  contexts.push(context);
  await serveHost(context, () => ({
    html: `<title>Vendor</title><h1>Vendor app</h1><button id="host-button" onclick="this.dataset.clicks = +(this.dataset.clicks || 0) + 1">Host button</button>
      <button id="help" style="position: fixed; top: 0; right: 0">Help</button>
      <script async src="${relay.url}/widget/loader.js" data-app-id="demo" ${attributes}></script>`,
  }));
  await context.addInitScript(
    ({ events, queued }) => {
      const w = window as unknown as Record<string, unknown> & {
        Relaydesk: ((...args: unknown[]) => void) & { q?: unknown[] };
      };
      const seen: string[] = [];
      w.events = seen;
      w.Relaydesk =
        w.Relaydesk ||
        function (this: unknown) {
          w.Relaydesk.q = w.Relaydesk.q || [];
          // biome-ignore lint/complexity/noArguments: the stub vendors paste
          w.Relaydesk.q.push(arguments);
        };
      const summary = (payload: unknown): string => {
        if (payload === undefined) return "";
        if (typeof payload !== "object" || payload === null) return String(payload);
        const p = payload as { author?: { kind: string }; body?: string; status?: string; code?: string };
        if (p.author) return `${p.author.kind}:${p.body}`;
        return p.code ?? p.status ?? "?";
      };
      for (const name of events)
        w.Relaydesk("on", name, (payload: unknown) => seen.push(`${name}:${summary(payload)}`));
      for (const call of queued) w.Relaydesk(...call);
    },
    { events: EVENTS, queued },
  );
  const page = await context.newPage();
  const logged: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") logged.push(message.text());
  });
  const sockets: string[] = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));
  await page.goto(`${HOST_ORIGIN}/`);
  return { page, logged, sockets };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: string[] }).events);
const relaydesk = (page: Page, ...args: unknown[]) =>
  page.evaluate(
    (call) => (window as unknown as { Relaydesk(...a: unknown[]): void }).Relaydesk(...call),
    args,
  );
const panelOf = (page: Page) => page.getByRole("dialog", { name: "Chat" });
const launcherOf = (page: Page) => page.getByRole("button", { name: "Open chat" });

test("the queued API runs in order, and every event fires, in both directions, with a real agent", async ({
  browser,
}) => {
  // Queued before the loader ran: the panel opens on a new message with the composer filled in.
  const { page, logged } = await openHostPage(browser, "", [
    ["showNewMessage", "I need help with my invoice"],
  ]);
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("textbox", { name: "Message", exact: true })).toHaveValue(
    "I need help with my invoice",
  );
  expect(await events(page)).toEqual(["ready:", "open:"]);

  await relaydesk(page, "sendMessage", "Hello from the API");
  await expect.poll(() => events(page)).toContain("message:visitor:Hello from the API");
  expect((await events(page)).filter((e) => e.startsWith("conversation-started:"))).toHaveLength(1);
  // The prefill was not sent: only what the API sent is in the conversation.
  await expect(panel.locator(".rd-msg .rd-body")).toHaveText(["Hello from the API"]);

  agent = await connectNodeAgent(relay.url, relay.agentToken);
  const conversationId = await agent.acceptNextOffer();
  await relaydesk(page, "close");
  await agent.say(conversationId, "Hi! Which invoice?");
  await expect.poll(() => events(page)).toContain("message:agent:Hi! Which invoice?");
  await expect.poll(() => events(page)).toContain("unread-count:1");
  await expect(launcherOf(page)).toHaveAccessibleDescription("1 unread");
  await expect(page.locator("relaydesk-widget .rd-badge")).toHaveText("1");
  await relaydesk(page, "open");
  await expect.poll(() => events(page)).toContain("unread-count:0");

  await agent.request({ type: "close-conversation", conversationId });
  await expect.poll(() => events(page)).toContain("conversation-closed:closed");
  expect(logged).toEqual([]);
});

test("commands change the widget, and mistakes are reported with what to write", async ({ browser }) => {
  const { page, logged } = await openHostPage(browser);
  await expect(launcherOf(page)).toBeVisible();
  const host = page.locator("relaydesk-widget");

  await relaydesk(page, "hideLauncher");
  await expect(launcherOf(page)).toHaveCount(0);
  await relaydesk(page, "showLauncher");
  await expect(launcherOf(page)).toBeVisible();

  await relaydesk(page, "setLocale", "ar");
  await relaydesk(page, "setColorScheme", "dark");
  await expect(host).toHaveAttribute("lang", "ar");
  await expect(host).toHaveAttribute("dir", "rtl");
  await expect(host).toHaveAttribute("data-color-scheme", "dark");

  await relaydesk(page, "opne");
  await relaydesk(page, "setColorScheme", "night");
  await page.evaluate(() =>
    (window as unknown as { Relaydesk(...a: unknown[]): void }).Relaydesk("on", "mesage", () => {}),
  );
  await relaydesk(page, "sendMessage", "   ");
  await expect.poll(() => logged.length).toBe(4);
  expect(logged).toEqual([
    expect.stringContaining('Relaydesk: unknown command "opne"; did you mean "open"? (commands: boot, open,'),
    'Relaydesk: setColorScheme(scheme): scheme must be "light" or "dark" or "auto", got "night"',
    expect.stringContaining('Relaydesk: on: unknown event "mesage" (events: ready, open, close, message,'),
    'Relaydesk: sendMessage(text): text must be a non-blank text of up to 10000 characters, got "   "',
  ]);
  expect((await events(page)).filter((e) => e.startsWith("error:"))).toEqual([
    "error:unknown-command",
    "error:invalid-argument",
    "error:invalid-argument",
    "error:invalid-argument",
  ]);
  // The scheme stayed; the widget goes on, and back in English.
  await expect(host).toHaveAttribute("data-color-scheme", "dark");
  await expect(page.getByRole("button", { name: "افتح المحادثة" })).toBeVisible();
  await relaydesk(page, "setLocale", "en");
  await expect(host).toHaveAttribute("dir", "ltr");
  await launcherOf(page).click();
  await expect(panelOf(page)).toBeVisible();
});

test("booting twice, re-running the snippet after SPA navigation or loading widget.js again never makes a second widget", async ({
  browser,
}) => {
  const { page, logged, sockets } = await openHostPage(browser);
  await expect(launcherOf(page)).toBeVisible();
  await relaydesk(page, "boot");
  await relaydesk(page, "boot", { appId: "demo" });
  for (const path of ["/settings", "/billing"]) {
    await page.evaluate(
      ({ path, src }) => {
        history.pushState({}, "", path);
        document.querySelector('script[src$="/widget/loader.js"]')?.remove();
        const again = document.createElement("script");
        again.async = true;
        again.src = src;
        again.dataset.appId = "demo";
        document.body.append(again);
      },
      { path, src: `${relay.url}/widget/loader.js` },
    );
  }
  // A second copy of widget.js (another URL, so another module instance), as a bundle might add.
  await page.evaluate((url) => import(url), `${relay.url}/widget/widget.js?again`);
  await page.waitForTimeout(1000);
  expect(await page.locator("relaydesk-widget").count()).toBe(1);
  expect(sockets.filter((url) => url.includes("/v1/ws"))).toHaveLength(1);
  expect(logged).toEqual([
    'Relaydesk: already booted for app "demo"; call Relaydesk("shutdown") before booting again',
    'Relaydesk: already booted for app "demo"; call Relaydesk("shutdown") before booting again',
  ]);
  expect((await events(page)).filter((e) => e === "ready:")).toHaveLength(1);
  await launcherOf(page).click();
  await expect(panelOf(page)).toBeVisible();
});

test("shutdown forgets the visitor, closes the socket and removes the widget, leaving history alone", async ({
  browser,
}) => {
  const { page } = await openHostPage(browser);
  const socket = page.waitForEvent("websocket");
  await launcherOf(page).click();
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).fill("Remember me?");
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    "sent",
  );
  const ws = await socket;
  const stored = () =>
    page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("relaydesk:")));
  expect(await stored()).toContain("relaydesk:demo:visitor");
  const historyBefore = await page.evaluate(() => history.length);
  const closed = ws.waitForEvent("close");

  await relaydesk(page, "shutdown");
  await closed;
  await expect(page.locator("relaydesk-widget")).toHaveCount(0);
  expect(await stored()).toEqual([]);
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  expect(page.url()).toBe(`${HOST_ORIGIN}/`);

  // Booting again is a new visitor: the old conversation is not shown.
  await relaydesk(page, "boot");
  await launcherOf(page).click();
  await expect(panelOf(page).getByText("Send us a message")).toBeVisible();
});

test("display options from data-* attributes: corner, offsets, z-index, colours, greeting, own launcher, open on load", async ({
  browser,
}) => {
  const { page, logged } = await openHostPage(
    browser,
    `data-position="left" data-horizontal-offset="40" data-vertical-offset="30" data-z-index="77"
     data-accent-color="rgb(10, 125, 90)" data-accent-text-color="#000" data-greeting="Hi! Ask us anything."
     data-launcher="#help" data-open-on-load`,
  );
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  const host = page.locator("relaydesk-widget");
  const box = await host.boundingBox();
  const viewport = page.viewportSize();
  expect(box?.x).toBe(40);
  expect(Math.round((viewport?.height ?? 0) - (box?.y ?? 0) - (box?.height ?? 0))).toBe(30);
  expect(await host.evaluate((el) => getComputedStyle(el).zIndex)).toBe("77");
  const header = panel.locator(".rd-header");
  expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(10, 125, 90)");
  expect(await header.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(0, 0, 0)");
  // Set through an adopted stylesheet, never a style attribute.
  expect(await host.getAttribute("style")).toBeNull();
  await expect(panel.locator(".rd-msg .rd-body")).toHaveText(["Hi! Ask us anything."]);

  // The vendor's own launcher toggles the panel; the round one is not shown.
  await page.locator("#help").click();
  await expect(panel).toHaveCount(0);
  await expect(launcherOf(page)).toHaveCount(0);
  await page.locator("#help").click();
  await expect(panel).toBeVisible();

  // The greeting is the widget's: the visitor's message starts the conversation, greeting first.
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Where is my order?");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
  await expect(panel.locator(".rd-msg .rd-body")).toHaveText(["Hi! Ask us anything.", "Where is my order?"]);
  agent = await connectNodeAgent(relay.url, relay.agentToken);
  const conversationId = await agent.acceptNextOffer();
  const history = await agent.request({ type: "get-history", conversationId });
  expect(history.type === "history" && history.messages.map((m) => m.body)).toEqual(["Where is my order?"]);
  expect(logged).toEqual([]);
});

test("bad display options are reported one by one and the widget still works with the rest", async ({
  browser,
}) => {
  const { page, logged } = await openHostPage(
    browser,
    `data-position="center" data-accent-color="red; left: 0" data-postion="left" data-launcher="#" data-z-index="9"`,
  );
  await expect(launcherOf(page)).toBeVisible();
  await expect.poll(() => logged.length).toBe(4);
  expect(logged.sort()).toEqual(
    [
      'Relaydesk: position must be "left" or "right", got "center"',
      'Relaydesk: accentColor must be a CSS colour such as "#0a7d5a" or "rgb(10 125 90)", got "red; left: 0"',
      'Relaydesk: unknown option "postion"; did you mean "position"? (ignored)',
      'Relaydesk: launcher must be a valid CSS selector such as "#help", got "#"',
    ].sort(),
  );
  expect((await events(page)).filter((e) => e.startsWith("error:"))).toHaveLength(4);
  const host = page.locator("relaydesk-widget");
  expect(await host.evaluate((el) => getComputedStyle(el).zIndex)).toBe("9");
  const box = await host.boundingBox();
  expect((page.viewportSize()?.width ?? 0) - (box?.x ?? 0) - (box?.width ?? 0)).toBe(20);
  await launcherOf(page).click();
  await expect(panelOf(page)).toBeVisible();
});
