import { expect, test } from "@playwright/test";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// The walking skeleton end to end: a visitor on the demo host page (which embeds the widget the way
// the README tells vendors to) and an agent in the console, in two browser contexts, against the
// real `relaydesk start --demo` process with its SQLite file.

let relay: RunningRelay;
test.beforeEach(async () => {
  relay = await startRelay();
});
test.afterEach(async () => {
  await relay.stop();
});

test("a visitor and an agent chat, and both keep the history across reloads", async ({ browser }) => {
  const visitorContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const agent = await agentContext.newPage();
  const violations: string[] = [];
  await visitor.exposeFunction("reportViolation", (v: string) => violations.push(v));
  await visitor.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });

  await visitor.goto(`${relay.url}/`);
  await visitor.getByRole("button", { name: "Open chat" }).click();
  const panel = visitor.getByRole("dialog", { name: "Chat" });
  await expect(panel).toBeVisible();
  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Hi! My export is stuck at 99%.");
  await panel.getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  await expect(panel.locator('.rd-msg[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
  // Nobody is signed in yet: the widget says so while the conversation waits.
  const waitingNotice = panel.getByText(/Nobody is online right now|in line\. Expected wait/);
  await expect(waitingNotice.first()).toBeVisible();

  await signIn(agent, relay.url, relay.agentToken);
  // Routing offers the waiting conversation to the agent, who accepts it.
  await acceptOffer(agent, /export is stuck/);
  const mine = agent.getByRole("region", { name: "Mine" });
  await mine.getByRole("button", { name: /export is stuck/ }).click();
  await expect.poll(() => consoleBodies(agent)).toEqual(["Hi! My export is stuck at 99%."]);

  // The agent was assigned by routing, so the visitor sees the agent's name in the panel header.
  await expect(panel.getByRole("heading", { name: "E2E Agent" })).toBeVisible();
  // Assigned: no queue position or offline notice is left behind.
  await expect(waitingNotice).toHaveCount(0);

  await agent.getByRole("textbox", { name: "Reply" }).fill("Sorry about that, I'm restarting it now.");
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
  await expect
    .poll(() => widgetBodies(visitor))
    .toEqual(["Hi! My export is stuck at 99%.", "Sorry about that, I'm restarting it now."]);

  await panel.getByRole("textbox", { name: "Message", exact: true }).fill("Thanks, it worked!");
  await panel.getByRole("button", { name: "Send" }).click();
  const expected = [
    "Hi! My export is stuck at 99%.",
    "Sorry about that, I'm restarting it now.",
    "Thanks, it worked!",
  ];
  await expect.poll(() => consoleBodies(agent)).toEqual(expected);

  // Both reload: the visitor continues with the token kept in localStorage, the agent stays
  // signed in; each sees the whole conversation once, in order.
  await visitor.reload();
  await visitor.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => widgetBodies(visitor)).toEqual(expected);
  await agent.reload();
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /it worked/ })
    .click();
  await expect.poll(() => consoleBodies(agent)).toEqual(expected);

  // Held a moment longer: late duplicates (a replay racing a live event) would show up here.
  await visitor.waitForTimeout(500);
  expect(await widgetBodies(visitor)).toEqual(expected);
  expect(await consoleBodies(agent)).toEqual(expected);
  expect(violations).toEqual([]);

  await visitorContext.close();
  await agentContext.close();
});
