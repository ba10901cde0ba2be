import { createHmac } from "node:crypto";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Relaydesk issue 3 item 7: an identified user sees their conversations from another browser. The
// vendor's server signs the user id with the app's identity secret; the page hands the claim to the
// widget with Relaydesk("identify", …), queued before the loader has run.

// Three or four browsers and a console per test: some 40 s alone, past a minute on a loaded machine.
test.describe.configure({ timeout: 150_000 });

let relay: RunningRelay;
const contexts: BrowserContext[] = [];
test.beforeEach(async () => {
  relay = await startRelay({ identitySecret: true });
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await relay.stop();
});

/** What the vendor's server does (examples/identity-verification), here in the test process. */
const sign = (userId: string) =>
  createHmac("sha256", relay.identitySecret ?? "")
    .update(userId, "utf8")
    .digest("hex");

const panelOf = (page: Page) => page.getByRole("dialog", { name: "Chat" });

/** A new browser (its own storage) on the demo page; `claim` is queued the way vendors queue calls. */
async function openBrowser(browser: Browser, claim?: { userId: string; signature: string }) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // The widget's own reports (the demo page has no favicon: that 404 is not one).
    if (message.type() === "error" && message.text().startsWith("Relaydesk")) errors.push(message.text());
  });
  if (claim) {
    // The demo page's CSP allows no inline script: an init script plays the vendor's snippet.
    await page.addInitScript((given) => {
      const win = window as unknown as { Relaydesk?: ((...args: unknown[]) => void) & { q?: unknown[] } };
      const stub = function (this: unknown) {
        stub.q = stub.q ?? [];
        // biome-ignore lint/complexity/noArguments: the vendors' stub pushes `arguments`
        stub.q.push(arguments);
      } as ((...args: unknown[]) => void) & { q?: unknown[] };
      win.Relaydesk = win.Relaydesk ?? stub;
      win.Relaydesk("identify", given);
    }, claim);
  }
  await page.goto(`${relay.url}/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  await expect(panelOf(page)).toBeVisible();
  return { page, errors };
}

async function send(page: Page, text: string) {
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await panelOf(page).getByRole("textbox", { name: "Message", exact: true }).press("Enter");
  // Stored (an agent's open console may already have received or read it).
  await expect(panelOf(page).locator('.rd-msg[data-author="visitor"]').last()).toHaveAttribute(
    "data-status",
    /^(sent|delivered|read)$/,
  );
}

async function reply(agent: Page, text: string) {
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
}

test("an identified user finds the conversation, and its live replies, in another browser; a wrong signature gets none of it", async ({
  browser,
}) => {
  const user = { userId: "user-42", signature: sign("user-42") };
  const a = await openBrowser(browser, user);
  await send(a.page, "hello from A");

  const agentContext = await browser.newContext();
  contexts.push(agentContext);
  const agent = await agentContext.newPage();
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent, /hello from A/);
  await agent
    .getByRole("region", { name: "Mine" })
    .getByRole("button", { name: /hello from A/ })
    .click();
  await reply(agent, "Hi, this is support.");
  await expect.poll(() => widgetBodies(a.page)).toEqual(["hello from A", "Hi, this is support."]);

  // Another browser, same user: the conversation with both messages, then a reply as it comes.
  const b = await openBrowser(browser, user);
  await expect.poll(() => widgetBodies(b.page)).toEqual(["hello from A", "Hi, this is support."]);
  await reply(agent, "Anything else?");
  await expect
    .poll(() => widgetBodies(b.page))
    .toEqual(["hello from A", "Hi, this is support.", "Anything else?"]);
  await expect.poll(() => widgetBodies(a.page)).toContain("Anything else?");
  // B writes too: the agent gets it in the same conversation.
  await send(b.page, "from B, same person");
  await expect
    .poll(() => consoleBodies(agent))
    .toEqual(["hello from A", "Hi, this is support.", "Anything else?", "from B, same person"]);

  // A reload of A keeps the user: the token the relay gave on identify was stored in place of the old.
  await a.page.reload();
  await a.page.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => widgetBodies(a.page)).toContain("from B, same person");

  // A claim signed with something else: refused, said so in the console, the visitor stays anonymous.
  const forged = await openBrowser(browser, { userId: "user-42", signature: sign("user-43") });
  await expect.poll(() => forged.errors.join("\n")).toContain("Relaydesk: identify was refused");
  expect(await widgetBodies(forged.page)).toEqual([]);
  await panelOf(forged.page).getByRole("button", { name: "Your conversations" }).click();
  await expect(panelOf(forged.page).getByText("No conversations yet.")).toBeVisible();
  // It can still chat, as an anonymous visitor of its own.
  await panelOf(forged.page).getByRole("button", { name: "New conversation" }).click();
  await send(forged.page, "just me");
  expect(await widgetBodies(forged.page)).toEqual(["just me"]);
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
});

test("a visitor who chatted anonymously keeps the conversation after identifying, in every browser of the user", async ({
  browser,
}) => {
  const user = { userId: "user-7", signature: sign("user-7") };
  const anonymous = await openBrowser(browser);
  await send(anonymous.page, "asked before signing in");
  // Signs in on the vendor's site, which then identifies the visitor.
  await anonymous.page.evaluate((claim) => {
    (window as unknown as { Relaydesk(...args: unknown[]): void }).Relaydesk("identify", claim);
  }, user);
  // The same conversation goes on, now the user's.
  await send(anonymous.page, "and after");
  expect(await widgetBodies(anonymous.page)).toEqual(["asked before signing in", "and after"]);

  const other = await openBrowser(browser, user);
  await expect.poll(() => widgetBodies(other.page)).toEqual(["asked before signing in", "and after"]);
  // The first browser's reload uses the user's token: still the one conversation, once.
  await anonymous.page.reload();
  await anonymous.page.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => widgetBodies(anonymous.page)).toEqual(["asked before signing in", "and after"]);
  expect(anonymous.errors).toEqual([]);
});
