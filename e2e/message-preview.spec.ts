import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { connectAgent, savePicture, sendFromPanel } from "./fixtures/look-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// A reply that arrives while the panel is closed shows as a card above the launcher, as the
// visitor sees it in Intercom or Crisp: who wrote and the start of what they wrote, as text.
// Pressing it opens the conversation; Dismiss puts it away until the next reply; an open panel
// never shows one. Real relay, real agent socket, the demo page.

let relay: RunningRelay;
const agents: { close(): void }[] = [];
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  for (const agent of agents.splice(0)) agent.close();
  await relay.stop();
});

test("a reply while the panel is closed shows a card above the launcher that opens the chat or is dismissed", async ({
  page,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  agents.push(agent);
  await page.goto(`${relay.url}/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const panel = page.getByRole("dialog", { name: "Chat" });
  await sendFromPanel(panel, "Message", "Can I change my plan?");
  const conversationId = await agent.conversation();

  // While open, a reply shows in the panel only.
  agent.reply(conversationId, "Sure, what plan?");
  await expect(panel.locator('.rd-msg[data-author="agent"]')).toHaveCount(1);
  await expect(page.locator("relaydesk-widget .rd-preview")).toHaveCount(0);
  await panel.getByRole("button", { name: "Close chat" }).click();
  await expect(page.locator("relaydesk-widget .rd-preview")).toHaveCount(0);

  // Closed: the next reply is a card, with the agent's name and the text, markup as text.
  agent.reply(conversationId, "The <b>yearly</b> one saves 20 %.");
  const card = page.getByRole("button", { name: /^New message from E2E Agent/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText("E2E Agent");
  await expect(card).toContainText("The <b>yearly</b> one saves 20 %.");
  await expect(page.locator("relaydesk-widget .rd-preview b")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription("1 unread");
  // Above the launcher, inside the window.
  const launcher = await page.getByRole("button", { name: "Open chat" }).boundingBox();
  const box = await page.locator("relaydesk-widget .rd-preview").boundingBox();
  expect(box && launcher && box.y + box.height <= launcher.y).toBe(true);
  expect(box && box.x >= 0).toBe(true);
  await savePicture(page, "launcher-preview");
  // Labelled, keyboard-reachable, enough contrast: axe-core finds nothing on the card and launcher.
  const results = await new AxeBuilder({ page })
    .include("relaydesk-widget")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .disableRules(["region"])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  // Dismissed: gone, the badge stays; the next reply brings a card again.
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Open chat" })).toHaveAccessibleDescription("1 unread");
  agent.reply(conversationId, "Shall I switch you?");
  await expect(card).toContainText("Shall I switch you?");

  // Pressing the card opens the conversation, with both replies, and puts the card away.
  await card.click();
  await expect(panel).toBeVisible();
  await expect(panel.locator('.rd-msg[data-author="agent"]')).toHaveCount(3);
  await expect(page.locator("relaydesk-widget .rd-preview")).toHaveCount(0);
  await panel.getByRole("button", { name: "Close chat" }).click();
  await expect(page.locator("relaydesk-widget .rd-preview")).toHaveCount(0);
});

test("the card speaks the visitor's language and sits in the launcher's corner, right to left too", async ({
  page,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  agents.push(agent);
  await page.route(`${relay.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-app-id="demo"', 'data-app-id="demo" data-locale="ar"');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${relay.url}/`);
  await page.getByRole("button", { name: "افتح المحادثة" }).click();
  const panel = page.getByRole("dialog");
  await sendFromPanel(panel, "الرسالة", "مرحبا");
  const conversationId = await agent.conversation();
  await panel.getByRole("button", { name: "أغلق المحادثة" }).click();
  agent.reply(conversationId, "أهلًا!");
  const card = page.getByRole("button", { name: /^رسالة جديدة من E2E Agent/ });
  await expect(card).toBeVisible();
  await expect(page.getByRole("button", { name: "تجاهل" })).toBeVisible();
  // Right to left, the launcher is bottom-left, and the card starts at its left edge.
  const launcher = await page.locator("relaydesk-widget .rd-launcher").boundingBox();
  const box = await page.locator("relaydesk-widget .rd-preview").boundingBox();
  expect(launcher && launcher.x < 100).toBe(true);
  expect(box && launcher && Math.abs(box.x - launcher.x)).toBeLessThan(2);
});
