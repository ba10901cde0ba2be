import { expect, test } from "@playwright/test";
import { HOSTILE_CORPUS, headerSafe } from "./fixtures/hostile-corpus.ts";
import { acceptOffer, consoleBodies, signIn, widgetBodies } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";
import { clickEveryLink, trapped } from "./fixtures/trap.ts";

// Issue "Security", item 5: hostile text never runs in the widget or the console, and is still
// shown as text. Every payload calls window.__pwned(id) if it ever executes; the trap records it.

let relay: RunningRelay;
test.afterEach(async () => {
  await relay?.stop();
});

test("every payload as a message, both ways, stays text and never runs", async ({ browser }) => {
  // 72 messages, two reloads and a click on every link: about half a minute alone, more on a busy CI.
  test.slow();
  relay = await startRelay();
  const pwned: string[] = [];
  const visitorContext = await browser.newContext();
  const agentContext = await browser.newContext();
  await trapped(visitorContext, pwned);
  await trapped(agentContext, pwned);
  const visitor = await visitorContext.newPage();
  const agent = await agentContext.newPage();

  await visitor.goto(`${relay.url}/`);
  await visitor.getByRole("button", { name: "Open chat" }).click();
  const box = visitor.getByRole("dialog", { name: "Chat" }).getByRole("textbox", { name: "Message" });
  for (const { text } of HOSTILE_CORPUS) {
    await box.fill(text);
    await box.press("Enter");
  }
  const sent = HOSTILE_CORPUS.map((p) => p.text);
  await expect.poll(() => widgetBodies(visitor)).toEqual(sent);

  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent);
  await agent.getByRole("region", { name: "Mine" }).getByRole("button").first().click();
  await expect.poll(() => consoleBodies(agent)).toEqual(sent);
  const reply = agent.getByRole("textbox", { name: "Reply" });
  for (const { text } of HOSTILE_CORPUS) {
    await reply.fill(text);
    await reply.press("Enter");
  }
  const both = [...sent, ...sent];
  await expect.poll(() => consoleBodies(agent)).toEqual(both);
  await expect.poll(() => widgetBodies(visitor)).toEqual(both);

  await clickEveryLink(visitor);
  await clickEveryLink(agent);
  await visitor.reload();
  await visitor.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => widgetBodies(visitor)).toEqual(both);
  await agent.reload();
  await agent.getByRole("region", { name: "Mine" }).getByRole("button").first().click();
  await expect.poll(() => consoleBodies(agent)).toEqual(both);
  await clickEveryLink(visitor);
  await clickEveryLink(agent);
  expect(pwned).toEqual([]);
});

const CHUNKS = 3;
for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(`payloads as page title, page URL and user agent stay text (part ${chunk + 1})`, async ({
    browser,
  }) => {
    test.slow();
    relay = await startRelay();
    const pwned: string[] = [];
    const payloads = HOSTILE_CORPUS.filter((_, i) => i % CHUNKS === chunk);
    const agentContext = await browser.newContext();
    await trapped(agentContext, pwned);
    const agent = await agentContext.newPage();
    await signIn(agent, relay.url, relay.agentToken);
    // Each conversation waits (offered to the agent): the All view lists them all.
    await agent.getByRole("tab", { name: /^All/ }).click();

    for (const { id, text } of payloads) {
      const context = await browser.newContext(headerSafe(text) ? { userAgent: text } : {});
      await trapped(context, pwned);
      // The demo page served with the payload as its <title> text (escaped, so the text is the payload).
      await context.route(/^http:\/\/localhost:\d+\/\?/, async (route) => {
        const response = await route.fetch();
        const escaped = text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
        const body = (await response.text()).replace(
          /<title>[^<]*<\/title>/,
          () => `<title>${escaped}</title>`,
        );
        await route.fulfill({ response, body });
      });
      const visitor = await context.newPage();
      await visitor.goto(`${relay.url}/?q=${encodeURIComponent(text.slice(0, 500))}#${text.slice(0, 500)}`);
      await visitor.getByRole("button", { name: "Open chat" }).click();
      const box = visitor.getByRole("dialog", { name: "Chat" }).getByRole("textbox", { name: "Message" });
      await box.fill(`hello from ${id}`);
      await box.press("Enter");
      const title = await visitor.evaluate(() => document.title);
      const item = agent.getByRole("button").filter({ hasText: `hello from ${id}` });
      await expect(item).toBeVisible();
      // The inbox shows the hostile title as text (document.title collapses whitespace; the relay cuts it).
      expect(await item.textContent()).toContain(title.slice(0, 40));
      await item.click();
      await expect(agent.locator("#conversation-title").locator("..")).toContainText(title.slice(0, 40));
      await clickEveryLink(agent);
      await clickEveryLink(visitor);
      await context.close();
    }
    await agent.reload();
    await expect(agent.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
    await clickEveryLink(agent);
    expect(pwned).toEqual([]);
  });
}

test("payloads as agent names stay text in the widget and the console", async ({ browser }) => {
  test.slow();
  const names = HOSTILE_CORPUS.filter((p) => p.text.length <= 80).slice(0, 6);
  for (const { text } of names) {
    relay = await startRelay({ agentName: text });
    const pwned: string[] = [];
    const context = await browser.newContext();
    await trapped(context, pwned);
    const visitor = await context.newPage();
    const agent = await context.newPage();
    await visitor.goto(`${relay.url}/`);
    await visitor.getByRole("button", { name: "Open chat" }).click();
    const panel = visitor.getByRole("dialog", { name: "Chat" });
    await panel.getByRole("textbox", { name: "Message" }).fill("hi");
    await panel.getByRole("textbox", { name: "Message" }).press("Enter");
    await signIn(agent, relay.url, relay.agentToken);
    await acceptOffer(agent);
    await agent.getByRole("region", { name: "Mine" }).getByRole("button").first().click();
    await expect(panel.getByRole("heading")).toContainText(text.trim().slice(0, 20));
    await clickEveryLink(visitor);
    await visitor.reload();
    await clickEveryLink(agent);
    expect(pwned).toEqual([]);
    await context.close();
    await relay.stop();
  }
});
