import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { connectNodeVisitor, type NodeVisitor } from "./fixtures/node-visitor.ts";
import { signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// The console against the real relay: what one agent does shows in the other's console without a
// reload (presence, claim, tags, notes, close, reopen), the visitor panel's local time and earlier
// conversations, and the keyboard shortcuts.

// Manual: nobody is offered anything; agents claim from the queue (or it waits).
const ROUTING = { queues: [{ id: "support", name: "Support", strategy: "manual" }], defaultQueue: "support" };

// Two or three browser contexts against one relay on a machine that may be busy.
test.setTimeout(150_000);

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
const visitors: NodeVisitor[] = [];
test.beforeEach(async () => {
  relay = await startRelay({ agentName: "Ada", secondAgentName: "Bob", routing: ROUTING });
});
test.afterEach(async () => {
  for (const visitor of visitors.splice(0)) visitor.close();
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

async function openConsole(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, relay.url, token);
  return page;
}

const tab = (page: Page, name: RegExp) => page.getByRole("tab", { name });
const itemOf = (page: Page, id: string) =>
  page.locator(`#inbox-view .inbox-item[data-conversation-id="${id}"]`);
const teamMember = (page: Page, name: string) =>
  page.getByRole("region", { name: "Team" }).locator(".team-member").filter({ hasText: name });
const head = (page: Page) => page.locator(".conversation-head");
const tagsOf = (page: Page) => page.getByRole("list", { name: "Tags" });
const notesOf = (page: Page) => page.getByRole("log", { name: "Messages" }).locator(".note .note-body");

test("one agent's changes reach the other's console live: presence, claim, tags, notes, close and reopen", async ({
  browser,
}) => {
  const ada = await openConsole(browser, relay.agentToken);
  const bob = await openConsole(browser, relay.secondAgentToken!);

  // Presence control: Bob goes away and comes back; Ada's team list follows.
  await expect(teamMember(ada, "Bob")).toHaveClass(/presence-online/);
  await bob.getByLabel("Your status").selectOption("away");
  await expect(teamMember(ada, "Bob")).toHaveClass(/presence-away/);
  await expect(teamMember(ada, "Bob")).toContainText("Away");
  await bob.getByLabel("Your status").selectOption("online");
  await expect(teamMember(ada, "Bob")).toHaveClass(/presence-online/);

  // A visitor in Tokyo writes, from a real browser with the widget.
  const visitorContext = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  contexts.push(visitorContext);
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${relay.url}/`);
  await visitor.getByRole("button", { name: "Open chat" }).click();
  const panel = visitor.getByRole("dialog", { name: "Chat" });
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Is anyone there?");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");

  // Both see it in "My queues" (the support queue has every agent) as it arrives.
  for (const page of [ada, bob]) {
    await tab(page, /My queues/).click();
    await expect(page.locator("#inbox-view .inbox-item")).toHaveCount(1);
  }
  const id = (await ada.locator("#inbox-view .inbox-item").getAttribute("data-conversation-id"))!;
  await itemOf(bob, id).click();
  await expect(head(bob)).toContainText("Open");
  // The visitor's local time, in their zone, in the visitor panel.
  await expect(bob.locator('[data-field="local-time"]')).toHaveText(/^\d\d:\d\d local time \(Asia\/Tokyo\)$/);
  const tokyo = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    hourCycle: "h23",
  })
    .format(Date.now())
    .slice(0, 2);
  await expect(bob.locator('[data-field="local-time"]')).toContainText(new RegExp(`^(${tokyo}|\\d\\d):`));

  // The visitor's single-page app moves to its billing view and says so: Bob sees where they are,
  // live, while the page they started on stays.
  await visitor.evaluate(() => {
    history.pushState({}, "", "/billing");
    (window as unknown as { Relaydesk(...args: unknown[]): void }).Relaydesk("update", {
      page: { url: location.href, title: "Billing" },
    });
  });
  await expect(bob.locator('[data-field="current-page"]')).toHaveText(`Billing ${relay.url}/billing`);
  await expect(bob.locator('[data-field="page-url"]')).toHaveText(`${relay.url}/`);

  // Ada claims it: Bob's open conversation says so at once.
  await tab(ada, /Unassigned/).click();
  await ada.getByRole("button", { name: /^Claim/ }).click();
  await expect(head(bob)).toContainText("Assigned to Ada");
  await expect(tab(ada, /Mine/)).toContainText("1");

  // Tags from Ada, a note from Bob: each shows in the other console.
  await tab(ada, /Mine/).click();
  await itemOf(ada, id).click();
  await ada.getByRole("textbox", { name: "Add tag" }).fill("vip");
  await ada.getByRole("textbox", { name: "Add tag" }).press("Enter");
  await expect(tagsOf(bob)).toContainText("vip");
  await bob.getByRole("textbox", { name: "Internal note" }).fill("Called them yesterday");
  await bob.getByRole("button", { name: "Add note" }).click();
  await expect(notesOf(ada)).toHaveText(["Called them yesterday"]);

  // Ada closes it: Bob sees it closed (and can reopen); Bob reopens: Ada sees it is Bob's now.
  await ada.getByRole("button", { name: "Close conversation" }).click();
  await expect(head(bob)).toContainText("Closed");
  await bob.getByRole("button", { name: "Reopen" }).click();
  await expect(head(ada)).toContainText("Assigned to Bob");
  await expect(head(ada)).not.toContainText("Closed");
  await expect(itemOf(ada, id)).toHaveCount(0); // no longer in Ada's Mine view
});

test("earlier conversations open read-only, and the keyboard shortcuts work but never while typing", async ({
  page,
}) => {
  const visitor = await connectNodeVisitor(relay.url, {
    url: `${relay.url}/pricing`,
    title: "Pricing",
    timeZone: "Europe/Madrid",
  });
  visitors.push(visitor);
  const ids: string[] = [];
  for (const [key, text] of [
    ["first", "Where is my invoice?"],
    ["second", "Thanks, found it"],
    ["third", "New question about seats"],
  ] as const) {
    const reply = await visitor.request({ type: "start-conversation", clientConversationId: key });
    if (reply.type !== "conversation") throw new Error(`start-conversation answered ${reply.type}`);
    ids.push(reply.conversation.id);
    await visitor.request({
      type: "send-message",
      conversationId: reply.conversation.id,
      clientMsgId: key,
      body: text,
    });
  }
  const [first, , third] = ids as [string, string, string];

  await signIn(page, relay.url, relay.agentToken);
  await tab(page, /My queues/).click();
  await expect(page.locator("#inbox-view .inbox-item")).toHaveCount(3);
  await itemOf(page, third).click();
  await expect(page.locator('[data-field="local-time"]')).toContainText("local time (Europe/Madrid)");

  // Opening puts the cursor in the reply box: letters are text there, not shortcuts.
  const reply = page.getByRole("textbox", { name: "Reply" });
  await expect(reply).toBeFocused();
  await reply.pressSequentially("jket?");
  await expect(reply).toHaveValue("jket?");
  await expect(page.locator(".inbox-item[aria-current='true']")).toHaveAttribute(
    "data-conversation-id",
    third,
  );
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
  await reply.fill("");

  // The other two, newest first, with status, preview and how many messages.
  const earlier = page.getByRole("region", { name: /Earlier conversations/ });
  await expect(earlier.locator(".earlier-item")).toHaveCount(2);
  await expect(earlier.locator("h3 .count")).toHaveText("2");
  await expect(earlier.locator(".earlier-item").nth(0)).toContainText("Thanks, found it");
  await expect(earlier.locator(".earlier-item").nth(1)).toContainText("Where is my invoice?");
  await expect(earlier.locator(".earlier-item").nth(1)).toContainText("1 message");
  await earlier.locator(`[data-earlier-id="${first}"]`).click();
  const transcript = page.getByRole("region", { name: "Earlier conversation (read only)" });
  await expect(transcript.locator(".transcript-body")).toHaveText(["Where is my invoice?"]);
  // Read only: the open conversation is still the third, its reply box the only one.
  await expect(page.getByRole("textbox", { name: "Reply" })).toHaveCount(1);
  await expect(page.getByRole("log", { name: "Messages" })).toContainText("New question about seats");
  await transcript.getByRole("button", { name: "Close" }).click();
  await expect(transcript).toHaveCount(0);

  // Esc to the inbox, then J / K step through the view, the cursor staying in the inbox.
  await page.keyboard.press("Escape");
  const order = await page
    .locator("#inbox-view .inbox-item")
    .evaluateAll((items) => items.map((i) => i.getAttribute("data-conversation-id")));
  const at = order.indexOf(third);
  const next = order[at + 1] ?? null;
  const current = page.locator(".inbox-item[aria-current='true']");
  if (next) {
    await page.keyboard.press("j");
    await expect(current).toHaveAttribute("data-conversation-id", next);
    await expect(current).toBeFocused();
    await page.keyboard.press("k");
  } else {
    await page.keyboard.press("k");
    await expect(current).toHaveAttribute("data-conversation-id", order[at - 1]!);
    await expect(current).toBeFocused();
    await page.keyboard.press("Alt+ArrowDown");
  }
  await expect(current).toHaveAttribute("data-conversation-id", third);
  await expect(current).toBeFocused();

  // ? shows the help; Esc hides it.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.locator("tr")).toHaveCount(7);
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  // R and N put the cursor in the reply and the note boxes; T opens the transfer form.
  await page.keyboard.press("Escape");
  await page.keyboard.press("r");
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue("");
  await page.keyboard.press("Escape");
  await page.keyboard.press("n");
  await expect(page.getByRole("textbox", { name: "Internal note" })).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("t");
  const transfer = page.getByRole("form", { name: "Transfer" });
  await expect(transfer).toBeVisible();
  await expect(transfer.getByLabel("To")).toBeFocused();
  // A select is typed into too: E there does not close the conversation.
  await page.keyboard.press("e");
  await expect(head(page)).not.toContainText("Closed");
  await transfer.getByRole("button", { name: "Cancel" }).click();

  // E closes the open conversation.
  await page.keyboard.press("Escape");
  await page.keyboard.press("e");
  await expect(head(page)).toContainText("Closed");
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
});
