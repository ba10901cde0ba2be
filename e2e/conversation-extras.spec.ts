import { readFileSync } from "node:fs";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { acceptOffer, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, type StartRelayOptions, startRelay } from "./fixtures/relay.ts";

// Issue 5 point 10 and issue 4 point 6 (the widget's side): a pre-chat form configured with the
// CLI, the offline form when nobody can answer, the rating after the agent closes, the transcript
// download under a strict host CSP — each seen by the agent in the console.

// Four flows with two browsers and a relay each; the shared test machine can be slow.
test.describe.configure({ timeout: 180_000 });

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

async function pages(browser: import("@playwright/test").Browser, options: StartRelayOptions = {}) {
  relay = await startRelay(options);
  const visitorContext = await browser.newContext();
  const agentContext = await browser.newContext();
  contexts.push(visitorContext, agentContext);
  return { visitor: await visitorContext.newPage(), agent: await agentContext.newPage(), visitorContext };
}

const panelOf = (page: Page) => page.getByRole("dialog", { name: "Chat" });
async function openPanel(page: Page) {
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(panelOf(page)).toBeVisible();
}
async function send(page: Page, text: string) {
  const field = panelOf(page).getByRole("textbox", { name: "Message", exact: true });
  await field.fill(text);
  await field.press("Enter");
  await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]').last()).toHaveAttribute(
    "data-status",
    "sent",
  );
}
async function reply(agent: Page, text: string) {
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
}
const visitorPanel = (agent: Page) => agent.getByRole("region", { name: "Visitor" });

test("the pre-chat form blocks until its required fields are valid, and the agent sees the answers", async ({
  browser,
}) => {
  const { visitor, agent } = await pages(browser, {
    prechat: [
      { id: "name", type: "name", label: "Your name", required: true },
      { id: "email", type: "email", label: "Your email", required: true },
      { id: "topic", type: "select", label: "Topic", options: ["Billing", "Bug report"] },
    ],
  });
  await visitor.goto(`${relay.url}/`);
  await openPanel(visitor);
  const form = panelOf(visitor).getByRole("form", { name: "Before we start" });
  await expect(form).toBeVisible();
  // No composer until the form is done: the first message cannot go without the answers.
  await expect(panelOf(visitor).getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);

  await form.getByRole("button", { name: "Start chat" }).click();
  await expect(form.getByText("Your name is required")).toBeVisible();
  await expect(form.getByText("Your email is required")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Your name *" })).toBeFocused();
  await form.getByRole("textbox", { name: "Your name *" }).fill("Ana Lima");
  await form.getByRole("textbox", { name: "Your email *" }).fill("ana@example");
  await form.getByRole("button", { name: "Start chat" }).click();
  await expect(form.getByText("Your email must be an address like name@example.com")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Your email *" })).toHaveAttribute("aria-invalid", "true");
  await expect(panelOf(visitor).getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);

  await form.getByRole("textbox", { name: "Your email *" }).fill("ana@example.com");
  await form.getByRole("combobox", { name: "Topic (optional)" }).selectOption("Bug report");
  await form.getByRole("button", { name: "Start chat" }).click();
  await expect(form).toHaveCount(0);
  await send(visitor, "The export button does nothing.");

  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /export button/);
  await agent
    .getByRole("navigation", { name: "Inbox" })
    .getByRole("button", { name: /export button/ })
    .click();
  await expect(visitorPanel(agent).locator('[data-field="prechat-name"]')).toHaveText("Ana Lima");
  await expect(visitorPanel(agent).locator('[data-field="prechat-email"]')).toHaveText("ana@example.com");
  await expect(visitorPanel(agent).locator('[data-field="prechat-topic"]')).toHaveText("Bug report");
  await expect(visitorPanel(agent).getByText("Your email", { exact: true })).toBeVisible();
});

test("with no agent online the widget says so, takes an email and a message, and the agent sees the email", async ({
  browser,
}) => {
  const { visitor, agent } = await pages(browser, {
    routing: { queues: [{ id: "main", strategy: "round-robin" }], defaultQueue: "main" },
  });
  await visitor.goto(`${relay.url}/`);
  await openPanel(visitor);
  await send(visitor, "Is anyone there?");
  const offline = panelOf(visitor).getByRole("form", { name: "Leave your email" });
  await expect(offline.getByRole("status")).toHaveText(
    "Nobody is online right now. We will reply as soon as we can. Leave your email and we will answer there.",
  );
  await offline.getByRole("textbox", { name: "Your email" }).fill("not-an-address");
  await offline.getByRole("button", { name: "Send" }).click();
  await expect(offline.getByText("email must be an address like name@example.com")).toBeVisible();
  await offline.getByRole("textbox", { name: "Your email" }).fill("ana@example.com");
  await offline
    .getByRole("textbox", { name: "Message (optional)" })
    .fill("Please write back about my invoice.");
  await offline.getByRole("button", { name: "Send" }).click();
  await expect(
    panelOf(visitor).getByRole("status").filter({ hasText: "We will answer at ana@example.com." }),
  ).toBeVisible();
  await expect
    .poll(() => widgetBodies(visitor))
    .toEqual(["Is anyone there?", "Please write back about my invoice."]);

  // An agent comes online later: the relay recorded the email for them.
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /invoice/);
  await agent
    .getByRole("navigation", { name: "Inbox" })
    .getByRole("button", { name: /invoice/ })
    .click();
  await expect(visitorPanel(agent).locator('[data-field="offline-email"]')).toHaveText("ana@example.com");
});

test("after the agent closes, the visitor rates the conversation once and the console shows the rating", async ({
  browser,
}) => {
  const { visitor, agent } = await pages(browser);
  await visitor.goto(`${relay.url}/`);
  await openPanel(visitor);
  await send(visitor, "How do I reset my password?");
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /password/);
  await agent
    .getByRole("navigation", { name: "Inbox" })
    .getByRole("button", { name: /password/ })
    .click();
  await reply(agent, "Use the link on the sign-in page.");
  await expect.poll(() => widgetBodies(visitor)).toHaveLength(2);
  await agent.getByRole("button", { name: "Close conversation" }).click();

  const rating = panelOf(visitor).getByRole("form", { name: "Rate this conversation" });
  await expect(rating).toBeVisible();
  await expect(panelOf(visitor).getByText("This conversation is closed.")).toBeVisible();
  await rating.getByRole("button", { name: "Send rating" }).click();
  await expect(rating.getByRole("alert")).toHaveText("Choose a rating from 1 to 5");
  await rating.getByRole("button", { name: "4 of 5: Good" }).click();
  await expect(rating.getByRole("button", { name: "4 of 5: Good" })).toHaveAttribute("aria-pressed", "true");
  await rating.getByRole("textbox", { name: "Comment (optional)" }).fill("Quick answer, thanks");
  await rating.getByRole("button", { name: "Send rating" }).click();
  await expect(panelOf(visitor).getByText("Thanks for your rating: 4 of 5.")).toBeVisible();
  await expect(rating).toHaveCount(0);

  const head = agent.locator(".conversation-head");
  await expect(head.locator('[data-field="rating"]')).toContainText("★ 4/5");
  await expect(visitorPanel(agent).locator('[data-field="rating-score"]')).toContainText("4 of 5");
  await expect(visitorPanel(agent).locator('[data-field="rating-comment"]')).toHaveText(
    "Quick answer, thanks",
  );
  const inbox = agent.getByRole("navigation", { name: "Inbox" });
  await inbox.getByRole("tab", { name: /All/ }).click();
  // The closed conversation's row (its preview is now the agent's reply) carries the rating too.
  await expect(
    inbox.getByRole("button", { name: /Use the link.*Closed Rated 4 of 5: Quick answer, thanks/ }),
  ).toBeVisible();

  // After a reload the widget knows it was rated (the relay keeps it): no second form.
  await visitor.reload();
  await openPanel(visitor);
  await expect(panelOf(visitor).getByText("Thanks for your rating: 4 of 5.")).toBeVisible();
});

test("the visitor downloads the transcript as a text file on a vendor page with a strict CSP", async ({
  browser,
}) => {
  const { visitorContext, agent } = await pages(browser);
  const relayOrigin = new URL(relay.url).origin;
  const vendor = "http://localhost:9/";
  await visitorContext.route(vendor, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: {
        "Content-Security-Policy": `default-src 'self'; script-src ${relayOrigin}; connect-src ${relayOrigin.replace("http", "ws")}; img-src 'self' ${relayOrigin} data:; style-src 'self'`,
      },
      body: `<!doctype html><title>Vendor</title><h1>Vendor app</h1>
        <script async src="${relay.url}/widget/loader.js" data-app-id="demo"></script>`,
    }),
  );
  const visitor = await visitorContext.newPage();
  const violations: string[] = [];
  visitor.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await visitor.goto(vendor);
  await openPanel(visitor);
  await send(visitor, "Where is my order #1234?");
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /order/);
  await agent.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /order/ }).click();
  await reply(agent, "It ships <today>, tracking follows.");
  await expect.poll(() => widgetBodies(visitor)).toHaveLength(2);

  const download = visitor.waitForEvent("download");
  await panelOf(visitor).getByRole("button", { name: "Download transcript" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^conversation-cnv_[\w-]+\.txt$/);
  const text = readFileSync((await file.path()) as string, "utf8");
  expect(text.split("\n")[0]).toBe("E2E Agent — conversation transcript");
  expect(text).toMatch(/— You:\nWhere is my order #1234\?\n/);
  expect(text).toMatch(/— E2E Agent:\nIt ships <today>, tracking follows\.\n/);
  expect(violations).toEqual([]);
});
