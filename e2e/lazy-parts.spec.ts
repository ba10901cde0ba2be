import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// The widget loads what is needed to chat (widget.js) and fetches the rest (the conversation list,
// the note under a closed conversation) as chunks when the panel opens (the attention chunk comes at
// once: every tab must say whether it is visible from the start): from widget.js's own
// origin, which need not be the page's, under the page's strict CSP. A chunk that cannot be fetched
// (offline) leaves chat working; the list button says so and tries again.

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

const panelOf = (page: Page) => page.getByRole("dialog", { name: "Chat" });
const isChunk = (url: string) => /\/widget\/chunks\/[\w-]+\.js$/.test(url);
/** A chunk's name without its hash, e.g. "conversations". */
const chunkName = (url: string) => /\/chunks\/([a-z-]+)-[\w]+\.js$/.exec(url)?.[1];

/** What the page's console and network said about scripts. */
function watch(page: Page) {
  const seen = { chunks: [] as string[], violations: [] as string[] };
  page.on("request", (request) => {
    if (isChunk(request.url())) seen.chunks.push(request.url());
  });
  page.on("console", (message) => {
    if (/Content Security Policy|CORS|Failed to fetch dynamically/i.test(message.text()))
      seen.violations.push(message.text());
  });
  return seen;
}

test("a vendor page on another origin, under a strict CSP, gets the list chunk from the relay when the panel opens", async ({
  browser,
}) => {
  const context = await browser.newContext();
  contexts.push(context);
  const relayOrigin = new URL(relay.url).origin;
  // The vendor's site: another origin than the relay (the demo app admits http://localhost:*), with
  // a CSP that allows scripts and the socket from the relay only.
  const vendor = "http://localhost:9/";
  await context.route(vendor, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: {
        "Content-Security-Policy": `default-src 'self'; script-src ${relayOrigin}; connect-src ${relayOrigin.replace("http", "ws")}; style-src 'self'`,
      },
      body: `<!doctype html><title>Vendor</title><h1>Vendor app</h1>
        <script async src="${relay.url}/widget/loader.js" data-app-id="demo"></script>`,
    }),
  );
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(vendor);
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  // Booted and connected without the list: it is not needed to chat (the panel is in widget.js).
  await expect.poll(() => seen.chunks.map(chunkName).sort()).toEqual(["attention"]);

  await page.getByRole("button", { name: "Open chat" }).click();
  const panel = panelOf(page);
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Hello from the vendor's page");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
  // Opening the panel fetches the list, the attachments and the markdown parts, and the code the
  // first two share (why a request failed, in the visitor's words: ui/failure-reason.ts).
  await expect
    .poll(() => seen.chunks.map(chunkName).sort())
    .toEqual(["attachments", "attention", "chunk", "conversations", "markdown"]);
  for (const chunk of seen.chunks) expect(chunk.startsWith(`${relayOrigin}/widget/chunks/`)).toBe(true);

  await panel.getByRole("button", { name: "Your conversations" }).click();
  const list = panel.getByRole("list", { name: "Your conversations" });
  await expect(list.getByRole("button", { name: /Hello from the vendor's page/ })).toBeVisible();
  // The chunk's stylesheet came with it: rows are laid out as a grid.
  await expect(list.locator(".rd-conv")).toHaveCSS("display", "grid");
  expect(seen.violations).toEqual([]);
});

test("offline, the list cannot be fetched: chat keeps working, the list button says so and tries again", async ({
  browser,
}) => {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${relay.url}/`);
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("button", { name: "Open chat" }).click();
  const panel = panelOf(page);
  const listButton = panel.getByRole("button", { name: /^Your conversations/ });
  // The prefetch on opening failed: the button shows it.
  await expect(listButton).toHaveAccessibleName("Your conversations: could not load, try again");
  await expect(listButton).toHaveAttribute("data-state", "failed");
  // Chat itself is all in widget.js: the visitor writes, the message waits for the connection.
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Written while offline");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sending");
  await listButton.click();
  await expect(listButton).toHaveAttribute("data-state", "failed");
  await expect(panel.getByRole("list", { name: "Your conversations" })).toHaveCount(0);

  await context.setOffline(false);
  await listButton.click();
  await expect(panel.getByRole("list", { name: "Your conversations" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "New conversation" })).toBeVisible();
  // Back in the conversation, the message written offline went out once the connection returned.
  await panel.getByRole("list", { name: "Your conversations" }).getByRole("button").first().click();
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
});
