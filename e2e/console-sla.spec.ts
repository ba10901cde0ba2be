import { expect, type Page, test } from "@playwright/test";
import { connectNodeVisitor, type NodeVisitor } from "./fixtures/node-visitor.ts";
import { signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// The SLA clock in the console against the real relay, with a queue whose first reply is due
// 12 s after a conversation starts: the inbox counts down, turns overdue once the target passes,
// the relay's recorded breach shows in the visitor panel, and "Time left" sorts by the clock.

const FIRST_RESPONSE_MS = 12_000;
const ROUTING = {
  // Manual: nobody is offered anything, so both conversations stay waiting with their clocks.
  queues: [{ id: "support", strategy: "manual", sla: { firstResponseMs: FIRST_RESPONSE_MS } }],
  defaultQueue: "support",
};

// Waits out the clock (12 s, then the relay's 5 s sweep) on a machine that may be busy.
test.setTimeout(120_000);

let relay: RunningRelay;
const visitors: NodeVisitor[] = [];
test.beforeEach(async () => {
  relay = await startRelay({ routing: ROUTING });
});
test.afterEach(async () => {
  for (const visitor of visitors.splice(0)) visitor.close();
  await relay.stop();
});

async function startVisitorConversation(text: string): Promise<string> {
  const visitor = await connectNodeVisitor(relay.url, { url: `${relay.url}/${text}` });
  visitors.push(visitor);
  const reply = await visitor.request({ type: "start-conversation" });
  if (reply.type !== "conversation") throw new Error(`start-conversation answered ${reply.type}`);
  await visitor.request({
    type: "send-message",
    conversationId: reply.conversation.id,
    clientMsgId: `m-${text}`,
    body: text,
  });
  return reply.conversation.id;
}

const itemOf = (page: Page, id: string) =>
  page.locator(`#inbox-view .inbox-item[data-conversation-id="${id}"]`);
const order = (page: Page) =>
  page
    .locator("#inbox-view .inbox-item")
    .evaluateAll((items) => items.map((i) => i.getAttribute("data-conversation-id")));
const secondsLeft = async (page: Page, id: string) => {
  const text = (await itemOf(page, id).locator(".sla").textContent()) ?? "";
  const match = /First reply due in (\d+) s/.exec(text);
  if (!match) throw new Error(`no countdown in "${text}"`);
  return Number(match[1]);
};

test("the inbox counts down to the first reply, turns overdue, shows the breach, and sorts by time left", async ({
  page,
}) => {
  // Signed in first: the clocks start when the conversations do, and sign-in takes its time.
  await signIn(page, relay.url, relay.agentToken);
  await page.getByRole("tab", { name: /Unassigned/ }).click();
  const older = await startVisitorConversation("older question");
  // Far enough apart that the two clocks differ by whole seconds.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const newer = await startVisitorConversation("newer question");
  await expect(itemOf(page, older).locator(".sla")).toHaveText(/First reply due in \d+ s/);
  await expect(itemOf(page, newer).locator(".sla")).toHaveAttribute("data-sla", "due");

  // Counting down, live, without anything else happening.
  const before = await secondsLeft(page, newer);
  await expect.poll(() => secondsLeft(page, newer), { timeout: 4000 }).toBeLessThan(before);

  // Recent: newest activity first. Time left: the sooner due (the older) first.
  const sort = page.getByLabel("Sort");
  await sort.selectOption({ label: "Recent" });
  await expect.poll(() => order(page)).toEqual([newer, older]);
  await sort.selectOption({ label: "Time left" });
  await expect.poll(() => order(page)).toEqual([older, newer]);

  // The target passes: overdue, marked with more than colour.
  const olderSla = itemOf(page, older).locator(".sla");
  await expect(olderSla).toHaveAttribute("data-sla", "overdue", { timeout: FIRST_RESPONSE_MS });
  await expect(olderSla).toContainText("⚠");
  await expect(olderSla).toContainText(/First reply overdue/);
  // Still first: overdue sorts before anything due.
  await expect.poll(() => order(page)).toEqual([older, newer]);

  // The relay records the breach (its sweep runs every 5 s) and the conversation says so.
  await itemOf(page, older).click();
  const breaches = page.getByRole("region", { name: "Visitor" }).locator('[data-field="sla-breaches"]');
  await expect(breaches).toHaveText("1", { timeout: 15_000 });
  await expect(page.locator(".conversation-head .sla")).toHaveAttribute("data-sla", "overdue");
  // Both overdue in the end, the sort keeps the one overdue longer first.
  await expect(itemOf(page, newer).locator(".sla")).toHaveAttribute("data-sla", "overdue", {
    timeout: 10_000,
  });
  await expect.poll(() => order(page)).toEqual([older, newer]);
});
