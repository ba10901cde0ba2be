import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { connectAgent, openDemo, panelOf, sendFromPanel } from "./fixtures/look-page.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Keyboard use, focus, announcements and axe-core on the open panel (inside the widget's open
// shadow root, which axe walks) in light, dark and Arabic.

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

async function newContext(browser: Browser, options = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

/** The element focused inside the widget's shadow root: "tag.class[aria-label]". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector("relaydesk-widget")?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });

test("by keyboard alone: Tab to the launcher, Enter opens with the focus in the message field, Escape closes back to the launcher", async ({
  browser,
}) => {
  const { page } = await openDemo(await newContext(browser), relay.url);
  await expect(page.getByRole("button", { name: "Open chat" })).toBeVisible();
  for (let tab = 0; tab < 10 && (await focused(page)) !== "button.rd-launcher"; tab++)
    await page.keyboard.press("Tab");
  expect(await focused(page)).toBe("button.rd-launcher");
  await page.keyboard.press("Enter");
  await expect(panelOf(page)).toBeVisible();
  expect(await focused(page)).toBe("textarea.rd-input");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    "sent",
  );
  // Shift+Tab walks back through the attach button (and, with no agent online, the offline notice's
  // form), the log (scrollable: focusable) to the header's buttons. The attach button comes with
  // the attachments chunk.
  await expect(panelOf(page).getByLabel("Attach files")).toBeAttached();
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toBe("input.");
  for (let tab = 0; tab < 6 && (await focused(page)) !== "div.rd-log"; tab++)
    await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toBe("div.rd-log");
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toBe("button.rd-icon");
  await page.keyboard.press("Escape");
  await expect(panelOf(page)).toHaveCount(0);
  expect(await focused(page)).toBe("button.rd-launcher");
  // Space opens too; the close button returns the focus as well.
  await page.keyboard.press("Space");
  await expect(panelOf(page)).toBeVisible();
  for (let tab = 0; tab < 10 && (await focused(page)) !== "button.rd-icon"; tab++)
    await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toBe("button.rd-icon");
  await page.keyboard.press("Enter");
  await expect(panelOf(page)).toHaveCount(0);
  expect(await focused(page)).toBe("button.rd-launcher");
});

test("support's messages are announced in a polite live region, open or closed; the visitor's own are not", async ({
  browser,
}) => {
  const agent = await connectAgent(relay.url, relay.agentToken);
  const { page } = await openDemo(await newContext(browser), relay.url);
  await page.getByRole("button", { name: "Open chat" }).click();
  await sendFromPanel(panelOf(page), "Message", "Anyone there?");
  const live = page.locator("relaydesk-widget").locator('[aria-live="polite"]');
  await expect(live).toHaveText("");
  const conversationId = await agent.conversation();
  agent.reply(conversationId, "Yes, I am here.");
  await expect(live).toHaveText("E2E Agent: Yes, I am here.");
  await panelOf(page).getByRole("button", { name: "Close chat" }).click();
  agent.reply(conversationId, "Still there?");
  await expect(live).toHaveText("E2E Agent: Still there?");
  // The log itself stays quiet, so nothing is read twice (and no "Sent", "Read" churn).
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(panelOf(page).getByRole("log", { name: "Messages" })).toHaveAttribute("aria-live", "off");
  agent.close();
});

for (const [name, attributes, dialog] of [
  ["light", "", "Chat"],
  ["dark", 'data-color-scheme="dark"', "Chat"],
  ["Arabic", 'data-locale="ar"', "المحادثة"],
] as const) {
  test(`axe-core finds no violation on the open panel, ${name}`, async ({ browser }) => {
    const agent = await connectAgent(relay.url, relay.agentToken);
    const { page } = await openDemo(await newContext(browser), relay.url, { attributes });
    await page.locator("relaydesk-widget").getByRole("button").click();
    const panel = panelOf(page, dialog);
    await sendFromPanel(panel, name === "Arabic" ? "الرسالة" : "Message", "Checking colours and labels");
    agent.reply(await agent.conversation(), "Here is a link: https://example.com/help");
    await expect(panel.locator('.rd-msg[data-author="agent"]')).toHaveCount(1);
    await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
      "data-status",
      /sent|delivered|read/,
    );
    await page.waitForTimeout(300);
    const results = await new AxeBuilder({ page })
      .include("relaydesk-widget")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      // The page's own landmarks are the vendor's; the widget is one fixed corner of it.
      .disableRules(["region"])
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
    agent.close();
  });
}
