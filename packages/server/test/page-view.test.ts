import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";

// `page-view` over real sockets: the visitor's open conversations record the page they are on as
// `currentPageUrl` / `currentPageTitle`, agents hear it live, the page a conversation started on
// stays, a page load's `hello` says the same, and nothing else changes (no reply, no reordering).

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ signalIntervalMs: 200 });
});
afterEach(async () => {
  await harness.stop();
});

const pageOf = (attributes: Record<string, string>) => ({
  url: attributes.currentPageUrl,
  title: attributes.currentPageTitle,
});

describe("page-view", () => {
  it("records the visitor's current page on their open conversations and tells the agents", async () => {
    const agent = await harness.addAgent("Ada");
    const agentSocket = await connectAgent(harness, agent.token);
    const visitor = await connectVisitor(harness, {
      page: { url: "https://app.acme.test/pricing", title: "Pricing" },
    });
    const id = await startConversation(visitor);
    const before = await harness.storage.getConversation(id);

    visitor.send({ type: "page-view", page: { url: "https://app.acme.test/billing", title: "Billing" } });
    const heard = await agentSocket.next(
      "conversation-updated",
      (f) => f.conversation.id === id && f.conversation.attributes.currentPageUrl !== undefined,
    );
    expect(pageOf(heard.conversation.attributes)).toEqual({
      url: "https://app.acme.test/billing",
      title: "Billing",
    });
    // The page it started on stays; the inbox order does not move for a page view.
    expect(heard.conversation.attributes.pageUrl).toBe("https://app.acme.test/pricing");
    expect(heard.conversation.updatedAt).toBe(before?.updatedAt);
    const stored = await harness.storage.getConversation(id);
    expect(pageOf(stored?.attributes ?? {})).toEqual({
      url: "https://app.acme.test/billing",
      title: "Billing",
    });
    // No reply of any kind went to the visitor for it.
    expect(visitor.frames.some((f) => f.type === "error")).toBe(false);
  });

  it("keeps the latest of quick page views, and a new conversation starts on the page last viewed", async () => {
    const visitor = await connectVisitor(harness, { page: { url: "https://app.acme.test/" } });
    const id = await startConversation(visitor);
    for (const path of ["a", "b", "c", "d"])
      visitor.send({ type: "page-view", page: { url: `https://app.acme.test/${path}`, title: path } });
    await delay(500);
    const stored = await harness.storage.getConversation(id);
    expect(pageOf(stored?.attributes ?? {})).toEqual({ url: "https://app.acme.test/d", title: "d" });

    // The agent closes it; the next conversation starts on the page the visitor is on now.
    const agent = await harness.addAgent("Ada");
    const agentSocket = await connectAgent(harness, agent.token);
    await agentSocket.next("conversation-updated", (f) => f.conversation.assignee !== null);
    await request(agentSocket, { type: "close-conversation", conversationId: id });
    const next = await request(visitor, { type: "start-conversation", clientConversationId: "cc_next" });
    expect(next).toMatchObject({
      type: "conversation",
      conversation: { attributes: { pageUrl: "https://app.acme.test/d", pageTitle: "d" } },
    });
    // A closed conversation keeps the page it had when it closed.
    visitor.send({ type: "page-view", page: { url: "https://app.acme.test/e" } });
    await delay(500);
    expect((await harness.storage.getConversation(id))?.attributes.currentPageUrl).toBe(
      "https://app.acme.test/d",
    );
  });

  it("takes the page of a returning visitor's hello as a page view", async () => {
    const first = await connectVisitor(harness, { page: { url: "https://app.acme.test/pricing" } });
    const id = await startConversation(first);
    first.close();
    await connectVisitor(harness, {
      visitorToken: first.token,
      page: { url: "https://app.acme.test/docs", title: "Docs" },
    });
    for (let i = 0; i < 100; i++) {
      if ((await harness.storage.getConversation(id))?.attributes.currentPageUrl) break;
      await delay(10);
    }
    expect(pageOf((await harness.storage.getConversation(id))?.attributes ?? {})).toEqual({
      url: "https://app.acme.test/docs",
      title: "Docs",
    });
  });

  it("refuses a bad page and an agent's page view; the connection carries on", async () => {
    const visitor = await connectVisitor(harness);
    const id = await startConversation(visitor);
    visitor.send({ type: "page-view", page: { title: "no url" } });
    const bad = await visitor.next("error", (f) => f.code === "bad-frame");
    expect(bad.message).toMatch(/^page\.url: /);
    visitor.send({ type: "page-view", page: { url: `https://app.acme.test/${"x".repeat(2100)}` } });
    await visitor.next("error", (f) => f.code === "bad-frame" && f !== bad);
    const agent = await harness.addAgent("Ada");
    const agentSocket = await connectAgent(harness, agent.token);
    agentSocket.send({ type: "page-view", page: { url: "https://app.acme.test/" } });
    await agentSocket.next("error", (f) => f.code === "unknown-type");
    // Both sockets still work, and nothing was recorded.
    expect(await request(visitor, { type: "list-conversations" })).toMatchObject({ type: "conversations" });
    expect(await request(agentSocket, { type: "list-conversations" })).toMatchObject({
      type: "conversations",
    });
    expect((await harness.storage.getConversation(id))?.attributes.currentPageUrl).toBeUndefined();
  });

  it("never lets a visitor's page view touch another visitor's conversations", async () => {
    const ana = await connectVisitor(harness, { page: { url: "https://app.acme.test/a" } });
    const anaId = await startConversation(ana);
    const bob = await connectVisitor(harness);
    await startConversation(bob);
    bob.send({ type: "page-view", page: { url: "https://app.acme.test/bob-was-here" } });
    await delay(400);
    expect((await harness.storage.getConversation(anaId))?.attributes.currentPageUrl).toBeUndefined();
  });
});
