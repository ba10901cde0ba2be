import { expect, test } from "@playwright/test";
import { HOST_ORIGIN, serveHost } from "./fixtures/host-page.ts";
import { connectNodeAgent, type NodeAgent } from "./fixtures/node-agent.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Issue 5, point 4: a vendor's page under a strict Content-Security-Policy that names only the relay.
// Chromium does not let connect-src http://relay cover the WebSocket to ws://relay (the message
// stays "sending" and connect-src is violated: the second test), so connect-src names the ws(s)
// origin; the widget makes no other connection (scripts are script-src). The loader and widget.js come from the relay, the visitor chats
// with an agent, every lazy chunk loads (conversations, attention, extras with display options),
// and the page sees no securitypolicyviolation event and no CSP message in the console.

test.describe.configure({ timeout: 180_000 });

let relay: RunningRelay;
let agent: NodeAgent | null = null;
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  agent?.close();
  agent = null;
  await relay.stop();
});

/** Exactly the directives the widget README tells vendors to add. */
const strictCsp = (relayOrigin: string) =>
  `default-src 'self'; script-src 'self' ${relayOrigin}; connect-src ${socketOrigin(relayOrigin)}; style-src 'self'; img-src 'self' ${relayOrigin} data:`;
/** ws://relay for http://relay (wss:// for https://). */
const socketOrigin = (relayOrigin: string) => relayOrigin.replace(/^http/, "ws");

test("chat round trip and every lazy chunk under a strict CSP, with zero violations", async ({ browser }) => {
  const relayOrigin = new URL(relay.url).origin;
  const context = await browser.newContext();
  await serveHost(context, () => ({
    csp: strictCsp(relayOrigin),
    html: `<title>Vendor</title><h1>Vendor app</h1>
      <script async src="${relay.url}/widget/loader.js" data-app-id="demo"
        data-accent-color="#0a7d5a" data-greeting="Hello! Ask away." data-position="left"></script>`,
  }));
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const cspMessages: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) cspMessages.push(message.text());
  });
  const chunks: string[] = [];
  page.on("response", (response) => {
    const name = /\/widget\/chunks\/([a-z-]+)-/.exec(response.url())?.[1];
    if (name && response.ok()) chunks.push(name);
  });
  const sockets: string[] = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));

  const response = await page.goto(`${HOST_ORIGIN}/`);
  expect(response?.headers()["content-security-policy"]).toBe(strictCsp(relayOrigin));

  await page.getByRole("button", { name: "Open chat" }).click();
  const panel = page.getByRole("dialog", { name: "Chat" });
  await expect(panel).toBeVisible();
  // The display options (extras chunk) applied through an adopted stylesheet.
  expect(await panel.locator(".rd-header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    "rgb(10, 125, 90)",
  );
  await expect(panel.locator(".rd-msg .rd-body")).toHaveText(["Hello! Ask away."]);

  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Does this work under our CSP?");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
  agent = await connectNodeAgent(relay.url, relay.agentToken);
  const conversationId = await agent.acceptNextOffer();
  await agent.say(conversationId, "It does.");
  await expect(panel.locator(".rd-msg .rd-body")).toHaveText([
    "Hello! Ask away.",
    "Does this work under our CSP?",
    "It does.",
  ]);

  // The list of conversations: the conversations chunk.
  await panel.getByRole("button", { name: "Your conversations" }).click();
  await expect(panel.getByRole("heading", { name: "Your conversations" })).toBeVisible();
  await page.evaluate(() =>
    (window as unknown as { Relaydesk(...a: unknown[]): void }).Relaydesk("setColorScheme", "dark"),
  );
  await expect(page.locator("relaydesk-widget")).toHaveAttribute("data-color-scheme", "dark");

  // The panel at boot; the list, files and markdown with the panel; the extras for the command;
  // the look (and the code it shares with the locale packs, "chunk-…") for the dark scheme.
  await expect
    .poll(() => [...new Set(chunks)].sort())
    .toEqual(["attachments", "attention", "chunk", "conversations", "look", "markdown", "widget-extras"]);
  expect(sockets).toEqual([`${relayOrigin.replace("http", "ws")}/v1/ws?appId=demo`]);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  expect(cspMessages).toEqual([]);
  await context.close();
});

test("connect-src with the relay's http origin only refuses the socket: the ws origin is needed", async ({
  browser,
}) => {
  const relayOrigin = new URL(relay.url).origin;
  const context = await browser.newContext();
  await serveHost(context, () => ({
    csp: strictCsp(relayOrigin).replace(
      `connect-src ${socketOrigin(relayOrigin)}`,
      `connect-src ${relayOrigin}`,
    ),
    html: `<h1>Vendor app</h1><script async src="${relay.url}/widget/loader.js" data-app-id="demo"></script>`,
  }));
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(event.violatedDirective));
  });
  const page = await context.newPage();
  await page.goto(`${HOST_ORIGIN}/`);
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations))
    .toContain("connect-src");
  await context.close();
});
