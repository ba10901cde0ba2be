import { type Browser, type BrowserContext, expect, type Locator, test } from "@playwright/test";
import { cachePagesInMemory } from "./fixtures/page-cache.ts";
import { acceptOffer, consoleBodies, signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Delivery guarantees in the browser: messages written offline are kept in localStorage, survive a
// reload, and reach the agent once each and in order when the connection returns; both sides show
// each message's state (sending, sent, delivered, read).

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

const visitorMessages = (panel: Locator) => panel.locator('.rd-msg[data-author="visitor"]');

async function openVisitor(browser: Browser, offlineReady = false) {
  const context = await browser.newContext();
  contexts.push(context);
  if (offlineReady) await cachePagesInMemory(context, relay.url);
  const page = await context.newPage();
  await page.goto(`${relay.url}/`);
  const panel = page.getByRole("dialog", { name: "Chat" });
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(panel).toBeVisible();
  return { context, page, panel };
}

async function send(panel: Locator, text: string) {
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
}

async function openAgent(browser: Browser) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, relay.url, relay.agentToken);
  return page;
}

test("messages written offline survive a reload and reach the agent once each, in order", async ({
  browser,
}) => {
  const visitor = await openVisitor(browser, true);
  const first = "Hello, the export page is blank.";
  await send(visitor.panel, first);
  await expect(visitorMessages(visitor.panel)).toHaveAttribute("data-status", "sent");

  const agent = await openAgent(browser);
  await acceptOffer(agent, /export page is blank/);
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /export page is blank/ })
    .click();
  await expect.poll(() => consoleBodies(agent)).toEqual([first]);

  // Offline: three messages wait in the outbox, shown as sending.
  await visitor.context.setOffline(true);
  const offline = ["It happens in Firefox too.", "And after clearing the cache.", "Any idea?"];
  for (const text of offline) await send(visitor.panel, text);
  await expect(visitorMessages(visitor.panel)).toHaveCount(4);
  for (const [index, text] of offline.entries()) {
    const message = visitorMessages(visitor.panel).nth(index + 1);
    await expect(message.locator(".rd-body")).toHaveText(text);
    await expect(message).toHaveAttribute("data-status", "sending");
    await expect(message).toContainText("Sending…");
  }

  // Reload while still offline (the page itself comes from memory; the relay is unreachable):
  // the three are restored from localStorage, still sending, in order.
  await visitor.page.reload();
  await visitor.page.getByRole("button", { name: "Open chat" }).click();
  await expect(visitorMessages(visitor.panel)).toHaveCount(3);
  await expect(visitorMessages(visitor.panel).locator(".rd-body")).toHaveText(offline);
  for (let index = 0; index < 3; index++) {
    await expect(visitorMessages(visitor.panel).nth(index)).toHaveAttribute("data-status", "sending");
  }
  // Nothing got through while offline.
  await agent.waitForTimeout(500);
  expect(await consoleBodies(agent)).toEqual([first]);

  // Back online: the outbox goes out, the agent gets each message once, in order.
  await visitor.context.setOffline(false);
  const all = [first, ...offline];
  await expect.poll(() => consoleBodies(agent)).toEqual(all);
  await expect(visitorMessages(visitor.panel).locator(".rd-body")).toHaveText(all);
  for (let index = 0; index < all.length; index++) {
    await expect(visitorMessages(visitor.panel).nth(index)).toHaveAttribute(
      "data-status",
      /^(sent|delivered|read)$/,
    );
  }
  await expect
    .poll(() => visitor.page.evaluate(() => localStorage.getItem("relaydesk:demo:outbox")))
    .toBe("[]");

  // A fresh look from the relay's storage: exactly those four, in order, no duplicates.
  await agent.reload();
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /Any idea/ })
    .click();
  await expect.poll(() => consoleBodies(agent)).toEqual(all);
  await agent.waitForTimeout(500);
  expect(await consoleBodies(agent)).toEqual(all);
  expect(await visitorMessages(visitor.panel).locator(".rd-body").allInnerTexts()).toEqual(all);
});

test("the widget and the console show when a message was delivered and read", async ({ browser }) => {
  const visitor = await openVisitor(browser);
  await send(visitor.panel, "Is anyone there?");
  const question = visitorMessages(visitor.panel);
  await expect(question).toHaveAttribute("data-status", "sent");
  await expect(question).toContainText("Sent");

  // The agent signs in: the console's client receives the question at once (delivered), but it is
  // read only when the agent opens the conversation.
  const agent = await openAgent(browser);
  await expect(question).toHaveAttribute("data-status", "delivered");
  await expect(question).toContainText("Delivered");
  await acceptOffer(agent, /anyone there/);
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /anyone there/ })
    .click();
  await expect(question).toHaveAttribute("data-status", "read");
  await expect(question).toContainText("Read");

  // With the panel closed the visitor's widget receives the reply (delivered) but has not shown it:
  // not read until the panel opens.
  await visitor.panel.getByRole("button", { name: "Close chat" }).click();
  await agent.getByRole("textbox", { name: "Reply" }).fill("Yes, how can I help?");
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
  const reply = agent.locator(".message-own[data-status]").filter({ hasText: "how can I help" });
  await expect(reply).toHaveAttribute("data-status", "delivered");
  await expect(reply).toContainText("Delivered");
  await expect(visitor.page.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription(
    "1 unread",
  );
  await agent.waitForTimeout(300);
  await expect(reply).toHaveAttribute("data-status", "delivered");

  await visitor.page.getByRole("button", { name: "Open chat" }).click();
  await expect(reply).toHaveAttribute("data-status", "read");
  await expect(reply).toContainText("Read");
});
