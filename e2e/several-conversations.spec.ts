import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Several conversations per visitor: after the agent closes the first one, the visitor starts a new
// one from the widget (in a tab that shares another tab's socket), reads the first one again from
// the list, and a reload keeps both, each once.

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
const listOf = (page: Page) => panelOf(page).getByRole("list", { name: "Your conversations" });

async function send(page: Page, text: string) {
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).press("Enter");
}

async function reply(agent: Page, text: string) {
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
}

async function openPanel(page: Page) {
  const launcher = page.getByRole("button", { name: "Open chat" });
  // The panel state is shared by the tabs: it may be open already, or open while the launcher is
  // clicked (a new tab shows the launcher until it has heard from the tab that holds the socket).
  await expect(launcher.or(panelOf(page))).toBeVisible();
  if (await launcher.isVisible()) await launcher.click({ timeout: 2_000 }).catch(() => {});
  await expect(panelOf(page)).toBeVisible();
}

test("a visitor starts a new conversation after the first was closed, and reads both, once each, after a reload", async ({
  browser,
}) => {
  const visitorContext = await browser.newContext();
  const agentContext = await browser.newContext();
  contexts.push(visitorContext, agentContext);
  const first = await visitorContext.newPage();
  const agent = await agentContext.newPage();

  await first.goto(`${relay.url}/`);
  await openPanel(first);
  await send(first, "My invoice shows the wrong amount.");
  await expect(panelOf(first).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    "sent",
  );

  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /invoice/);
  const inbox = agent.getByRole("navigation", { name: "Inbox" });
  await inbox.getByRole("button", { name: /invoice/ }).click();
  await reply(agent, "Corrected, you will get a new invoice.");
  await expect
    .poll(() => widgetBodies(first))
    .toEqual(["My invoice shows the wrong amount.", "Corrected, you will get a new invoice."]);

  // The agent closes it: the widget says so and offers a new conversation instead of the composer.
  await agent.getByRole("button", { name: "Close conversation" }).click();
  await expect(panelOf(first).getByText("This conversation is closed.")).toBeVisible();
  await expect(panelOf(first).getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);

  // A second tab of the same site shares the first tab's socket; it starts the new conversation.
  const second = await visitorContext.newPage();
  await second.goto(`${relay.url}/`);
  await openPanel(second);
  await expect(panelOf(second).getByText("This conversation is closed.")).toBeVisible();
  await panelOf(second).getByRole("button", { name: "Start a new conversation" }).click();
  await expect(panelOf(second).getByRole("textbox", { name: "Message", exact: true })).toBeFocused();
  expect(await widgetBodies(second)).toEqual([]);
  await send(second, "Another thing: the CSV export is empty.");
  // Stored; the agent's open console may already have received it.
  await expect(panelOf(second).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    /^(sent|delivered)$/,
  );

  // The agent gets it as a conversation of its own: offered, and accepted.
  await acceptOffer(agent, /CSV export/);
  await inbox.getByRole("button", { name: /CSV export/ }).click();
  await expect.poll(() => consoleBodies(agent)).toEqual(["Another thing: the CSV export is empty."]);
  await expect(inbox.getByRole("button", { name: /CSV export/ })).toHaveCount(1);

  // The visitor reads the first conversation again from the list, in the second tab.
  await panelOf(second).getByRole("button", { name: "Your conversations" }).click();
  await expect(listOf(second).getByRole("listitem")).toHaveCount(2);
  const rows = listOf(second).getByRole("button");
  await expect(rows.nth(0)).toContainText("You: Another thing: the CSV export is empty.");
  await expect(rows.nth(0)).toContainText("Open");
  await expect(rows.nth(1)).toContainText("Corrected, you will get a new invoice.");
  await expect(rows.nth(1)).toContainText("Closed");
  await expect(rows.nth(0)).toBeFocused();
  await rows.nth(1).click();
  await expect
    .poll(() => widgetBodies(second))
    .toEqual(["My invoice shows the wrong amount.", "Corrected, you will get a new invoice."]);
  await expect(panelOf(second).getByText("This conversation is closed.")).toBeVisible();

  // News in the conversation not on screen is marked in the list.
  await reply(agent, "Looking into the export now.");
  await panelOf(second).getByRole("button", { name: "Your conversations" }).click();
  await expect(rows.nth(0)).toContainText("Unread");
  await expect(rows.nth(1)).not.toContainText("Unread");
  // Keyboard: Enter on a focused row opens it.
  await rows.nth(0).press("Enter");
  await expect
    .poll(() => widgetBodies(second))
    .toEqual(["Another thing: the CSV export is empty.", "Looking into the export now."]);

  // A reload keeps everything, once: the open conversation on screen, both in the list.
  await second.close();
  await first.reload();
  await openPanel(first);
  await expect
    .poll(() => widgetBodies(first))
    .toEqual(["Another thing: the CSV export is empty.", "Looking into the export now."]);
  await panelOf(first).getByRole("button", { name: "Your conversations" }).click();
  await expect(listOf(first).getByRole("listitem")).toHaveCount(2);
  await listOf(first)
    .getByRole("button", { name: /invoice/ })
    .click();
  await expect
    .poll(() => widgetBodies(first))
    .toEqual(["My invoice shows the wrong amount.", "Corrected, you will get a new invoice."]);
  await agent.reload();
  await expect(agent.getByRole("navigation", { name: "Inbox" }).getByRole("button")).toHaveCount(1);
});
