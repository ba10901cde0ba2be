import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Two agents in two browser contexts and a visitor in a third, against the real relay with a
// routing document whose offers expire after 3 s: the first agent offered the conversation lets the
// offer run out, it moves to the other, who accepts, replies and transfers it back with a note;
// internal notes show in both consoles and never reach the visitor's page.

const OFFER_TIMEOUT_MS = 3000;
const ROUTING = {
  queues: [{ id: "general", strategy: "round-robin", offerTimeoutMs: OFFER_TIMEOUT_MS }],
  rules: [],
  defaultQueue: "general",
};
const QUESTION = "I need help";
const TRANSFER_NOTE = "Over to you, billing question";
const SECRET_NOTE = "secret: customer is on a trial";
const NOTE_HEADING = "Internal note — not visible to the visitor";

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay({ agentName: "Ada", secondAgentName: "Bob", routing: ROUTING });
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

interface Agent {
  name: string;
  page: Page;
}

const offersOf = (page: Page) => page.getByRole("region", { name: "Offered to you" }).getByRole("article");
const mineOf = (page: Page, conversationId: string) =>
  page.getByRole("region", { name: "Mine" }).locator(`[data-conversation-id="${conversationId}"]`);
const notesOf = (page: Page) =>
  page.getByRole("log", { name: "Messages" }).locator(".note").filter({ hasText: NOTE_HEADING });
const noteBodies = (page: Page) => notesOf(page).locator(".note-body").allInnerTexts();
/** Every character of the widget's shadow root, hidden parts included. */
const widgetText = (page: Page) =>
  page.evaluate(() => document.querySelector("relaydesk-widget")?.shadowRoot?.textContent ?? null);

/** `performance.now()` in the console page when its first offer card appeared and when it went. */
type OfferTimes = { shown?: number; gone?: number };

/**
 * Records, by the page's own clock, when the first offer card appears and when it goes: how long
 * the agent saw it, however late the test's own polling notices either.
 */
function timeFirstOffer(page: Page): Promise<void> {
  return page.evaluate(() => {
    const times: OfferTimes = {};
    (window as unknown as { offerTimes: OfferTimes }).offerTimes = times;
    const observer = new MutationObserver(() => {
      const card = document.querySelector(".offer-card");
      if (card && times.shown === undefined) times.shown = performance.now();
      if (!card && times.shown !== undefined) {
        times.gone = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
const offerShownFor = (page: Page) =>
  page.evaluate(() => {
    const { shown, gone } = (window as unknown as { offerTimes: OfferTimes }).offerTimes;
    return shown === undefined || gone === undefined ? null : gone - shown;
  });

async function openConsole(browser: Browser, name: string, token: string): Promise<Agent> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, relay.url, token);
  return { name, page };
}

test("an expired offer moves to the second agent, who transfers it back with a note; notes never reach the visitor", async ({
  browser,
}) => {
  const ada = await openConsole(browser, "Ada", relay.agentToken);
  if (!relay.secondAgentToken) throw new Error("startRelay made no second agent");
  const bob = await openConsole(browser, "Bob", relay.secondAgentToken);
  // Both online before the visitor writes, so routing can choose between them.
  for (const agent of [ada, bob]) {
    const team = agent.page.getByRole("region", { name: "Team" });
    await expect(team.locator(".team-member.presence-online")).toHaveCount(2);
    await timeFirstOffer(agent.page);
  }

  const visitorContext = await browser.newContext();
  contexts.push(visitorContext);
  const visitor = await visitorContext.newPage();
  // Every frame the relay sends the visitor's page, to check no note is ever in one.
  const visitorFrames: string[] = [];
  visitor.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) => visitorFrames.push(payload.toString())),
  );
  await visitor.goto(`${relay.url}/`);
  await visitor.getByRole("button", { name: "Open chat" }).click();
  const panel = visitor.getByRole("dialog", { name: "Chat" });
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill(QUESTION);
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  // Stored by the relay; with the consoles open it may be "delivered" by the time it is looked at.
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute(
    "data-status",
    /^(sent|delivered|read)$/,
  );

  // Round-robin offers it to one of them: whoever shows the card first lets it expire.
  await expect
    .poll(async () => (await offersOf(ada.page).count()) + (await offersOf(bob.page).count()))
    .toBe(1);
  const [first, second] = (await offersOf(ada.page).count()) === 1 ? [ada, bob] : [bob, ada];
  const conversationId = await offersOf(first.page).first().getAttribute("data-conversation-id");
  expect(conversationId).toBeTruthy();
  await expect(offersOf(first.page).first()).toContainText(QUESTION);
  await expect(offersOf(first.page).first()).toContainText(/\d s left to accept/);
  expect(await offersOf(second.page).count()).toBe(0);

  // Not accepted within 3 s: the card goes from the first console, the offer arrives at the other.
  await expect(offersOf(first.page)).toHaveCount(0, { timeout: OFFER_TIMEOUT_MS + 2000 });
  // It ran out rather than being taken away early: the card was on the first agent's screen for
  // about the offer's time (less the moment it took to reach them).
  expect(await offerShownFor(first.page)).toBeGreaterThan(OFFER_TIMEOUT_MS - 1000);
  await expect(first.page.getByText(/The offer of .* expired/)).toBeVisible();
  await expect(offersOf(second.page)).toHaveCount(1, { timeout: 5000 });
  await expect(offersOf(second.page).first()).toHaveAttribute("data-conversation-id", conversationId!);
  await acceptOffer(second.page, QUESTION);
  await expect(offersOf(first.page)).toHaveCount(0);

  await mineOf(second.page, conversationId!).click();
  await expect(second.page.getByText(`Assigned to ${second.name}`)).toBeVisible();
  await expect.poll(() => consoleBodies(second.page)).toEqual([QUESTION]);
  const agentReply = `Hi, ${second.name} here`;
  await second.page.getByRole("textbox", { name: "Reply" }).fill(agentReply);
  await second.page.getByRole("textbox", { name: "Reply" }).press("Enter");
  await expect.poll(() => widgetBodies(visitor)).toEqual([QUESTION, agentReply]);
  await expect(panel.getByRole("heading", { name: second.name })).toBeVisible();

  // Transfer back to the first agent, with a note: a transfer to an agent assigns at once, and the
  // relay keeps the note as an internal note saying where the conversation went.
  const transferNote = `Transferred to agent ${first.name}: ${TRANSFER_NOTE}`;
  await second.page.getByRole("button", { name: "Transfer…" }).click();
  const transfer = second.page.getByRole("form", { name: "Transfer" });
  await transfer.getByLabel("To").selectOption({ label: `${first.name} (online)` });
  await transfer.getByLabel("Note for them (internal)").fill(TRANSFER_NOTE);
  await transfer.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(transfer).toHaveCount(0);
  await expect(mineOf(second.page, conversationId!)).toHaveCount(0);
  await expect(second.page.getByText(`Assigned to ${first.name}`)).toBeVisible();
  await expect.poll(() => noteBodies(second.page)).toEqual([transferNote]);

  // Never offered to the first agent: it is in their Mine view straight away.
  await mineOf(first.page, conversationId!).click();
  expect(await offersOf(first.page).count()).toBe(0);
  await expect(first.page.getByText(`Assigned to ${first.name}`)).toBeVisible();
  await expect.poll(() => noteBodies(first.page)).toEqual([transferNote]);
  await expect.poll(() => consoleBodies(first.page)).toEqual([QUESTION, agentReply]);

  // A note added by the first agent shows in both consoles at once (note-created).
  await first.page.getByRole("textbox", { name: "Internal note" }).fill(SECRET_NOTE);
  await first.page.getByRole("button", { name: "Add note" }).click();
  await expect.poll(() => noteBodies(first.page)).toEqual([transferNote, SECRET_NOTE]);
  await expect.poll(() => noteBodies(second.page)).toEqual([transferNote, SECRET_NOTE]);
  // Notes are not messages: the message lists are unchanged.
  expect(await consoleBodies(first.page)).toEqual([QUESTION, agentReply]);
  expect(await consoleBodies(second.page)).toEqual([QUESTION, agentReply]);

  // The visitor's page: exactly the chat, no note text anywhere in the widget, live or after a
  // reload, and in no frame the relay sent it.
  const assertVisitorSeesOnlyTheChat = async () => {
    await expect.poll(() => widgetBodies(visitor)).toEqual([QUESTION, agentReply]);
    await expect(panel.locator(".rd-msg")).toHaveCount(2);
    const text = await widgetText(visitor);
    // The host page around the widget (light DOM) too.
    const pageText = await visitor.locator("body").textContent();
    expect(text).toContain(agentReply);
    for (const secret of [TRANSFER_NOTE, SECRET_NOTE, "billing question", "on a trial", "Internal note"]) {
      expect(text).not.toContain(secret);
      expect(pageText).not.toContain(secret);
    }
  };
  // Held a moment: a note fanned out to the visitor would have arrived by now.
  await visitor.waitForTimeout(500);
  await assertVisitorSeesOnlyTheChat();
  await visitor.reload();
  await visitor.getByRole("button", { name: "Open chat" }).click();
  await assertVisitorSeesOnlyTheChat();
  expect(visitorFrames.some((frame) => frame.includes(agentReply))).toBe(true);
  expect(visitorFrames.filter((frame) => frame.includes("Over to you") || frame.includes("trial"))).toEqual(
    [],
  );
});
