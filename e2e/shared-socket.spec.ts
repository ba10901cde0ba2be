import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// One connection per browser: three tabs of the demo page in one browser context (same origin, same
// localStorage) share the socket of the tab holding the leader lock. Closing that tab hands the
// socket to one of the other two; nothing is lost or doubled on the way.

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

/** Relay sockets (`/v1/ws`) each page has open right now. */
const openSockets = new Map<Page, number>();
function countSockets(page: Page): void {
  openSockets.set(page, 0);
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/v1/ws")) return;
    openSockets.set(page, (openSockets.get(page) ?? 0) + 1);
    socket.on("close", () => openSockets.set(page, (openSockets.get(page) ?? 0) - 1));
  });
}
const socketsOf = (pages: Page[]) => pages.map((page) => openSockets.get(page) ?? 0);

async function openTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  countSockets(page);
  await page.goto(`${relay.url}/`);
  return page;
}

async function send(page: Page, text: string) {
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).press("Enter");
}

async function reply(agent: Page, text: string) {
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
}

test("tabs share one socket, and closing the leader tab hands it over without losing or doubling a message", async ({
  browser,
}) => {
  // Three tabs, an agent and a handover: 35-42 s here, more on a busy CI machine.
  test.slow();
  const visitor = await browser.newContext();
  const agentContext = await browser.newContext();
  contexts.push(visitor, agentContext);

  const first = await openTab(visitor);
  await first.getByRole("button", { name: "Open chat" }).click();
  await send(first, "Hello from the first tab.");
  await expect(panelOf(first).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    "sent",
  );
  await expect.poll(() => socketsOf([first])).toEqual([1]);

  // Two more tabs: they show the conversation so far and the panel open (its state is shared),
  // and open no socket of their own.
  const second = await openTab(visitor);
  const third = await openTab(visitor);
  const tabs = [first, second, third];
  for (const tab of [second, third]) {
    await expect(panelOf(tab)).toBeVisible();
    await expect.poll(() => widgetBodies(tab)).toEqual(["Hello from the first tab."]);
  }
  await second.waitForTimeout(500);
  expect(socketsOf(tabs)).toEqual([1, 0, 0]);

  const agent = await agentContext.newPage();
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /first tab/);
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /first tab/ })
    .click();
  await reply(agent, "Hi! One agent, three tabs.");
  let expected = ["Hello from the first tab.", "Hi! One agent, three tabs."];
  for (const tab of tabs) await expect.poll(() => widgetBodies(tab)).toEqual(expected);

  // A follower sends: its message goes through the leader's socket and reaches the agent once.
  await send(second, "Hello from the second tab.");
  expected = [...expected, "Hello from the second tab."];
  await expect.poll(() => consoleBodies(agent)).toEqual(expected);
  await expect(panelOf(second).locator('.rd-msg[data-author="visitor"]').last()).toHaveAttribute(
    "data-status",
    /^(sent|delivered|read)$/,
  );
  for (const tab of tabs) await expect.poll(() => widgetBodies(tab)).toEqual(expected);

  // The leader tab closes: one of the two others takes the lock and opens the only socket.
  await first.close();
  const remaining = [second, third];
  await expect.poll(() => socketsOf(remaining).sort()).toEqual([0, 1]);
  await reply(agent, "Still here after the first tab closed.");
  expected = [...expected, "Still here after the first tab closed."];
  for (const tab of remaining) await expect.poll(() => widgetBodies(tab)).toEqual(expected);

  // The tab that did not take over sends; the agent gets it once.
  const follower = socketsOf(remaining)[0] === 0 ? second : third;
  await send(follower, "And from the tab without a socket.");
  expected = [...expected, "And from the tab without a socket."];
  await expect.poll(() => consoleBodies(agent)).toEqual(expected);
  for (const tab of remaining) await expect.poll(() => widgetBodies(tab)).toEqual(expected);

  // Closing the panel in one tab closes it in the other; a reply then counts as unread in both.
  await panelOf(follower).getByRole("button", { name: "Close chat" }).click();
  for (const tab of remaining) await expect(panelOf(tab)).toBeHidden();
  await reply(agent, "One more thing.");
  for (const tab of remaining) {
    await expect(tab.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription("1 unread");
  }

  // Held a moment longer: a late duplicate or a second socket would show up here.
  await agent.waitForTimeout(500);
  expected = [...expected, "One more thing."];
  await expect.poll(() => consoleBodies(agent)).toEqual(expected);
  expect(socketsOf(remaining).sort()).toEqual([0, 1]);
  await follower.getByRole("button", { name: "Open chat" }).click();
  for (const tab of remaining) {
    await expect(panelOf(tab)).toBeVisible();
    await expect.poll(() => widgetBodies(tab)).toEqual(expected);
  }
});
