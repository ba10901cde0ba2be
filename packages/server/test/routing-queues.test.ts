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
import { offersTo, setRouting, updated } from "./routing-helpers.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

describe("queues and rules", () => {
  it("a manual queue offers nothing; of two agents claiming at once exactly one wins", async () => {
    await setRouting(harness, { queues: [{ id: "inbox", strategy: "manual" }], defaultQueue: "inbox" });
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const bobSocket = await connectAgent(harness, bob.token, undefined, { autoAccept: false });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const created = await adaSocket.next("conversation-created", (f) => f.conversation.id === conversationId);
    expect(created.conversation.queueId).toBe("inbox");
    await delay(200);
    expect([...offersTo(adaSocket), ...offersTo(bobSocket)]).toEqual([]);

    const [a, b] = await Promise.all([
      request(adaSocket, { type: "claim", conversationId }),
      request(bobSocket, { type: "claim", conversationId }),
    ]);
    const wins = [a, b].filter((r) => r.type === "conversation");
    const losses = [a, b].filter((r) => r.type === "error");
    expect(wins).toHaveLength(1);
    expect(losses).toEqual([expect.objectContaining({ code: "already-assigned" })]);
    const winner = wins[0]!.type === "conversation" ? wins[0]!.conversation.assignee?.id : null;
    expect((await harness.storage.getConversation(conversationId))?.assignee?.id).toBe(winner);
    expect((await updated(visitor, conversationId, (c) => c.status === "assigned")).assignee?.id).toBe(
      winner,
    );
  });

  it("claim is for manual queues and their members only", async () => {
    await setRouting(harness, {
      queues: [
        { id: "inbox", strategy: "manual", members: [] },
        { id: "auto", strategy: "round-robin" },
      ],
      rules: [{ when: { pageUrl: "https://app.acme.test/auto" }, queue: "auto" }],
      defaultQueue: "inbox",
    });
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const manual = await startConversation(await connectVisitor(harness));
    expect(await request(adaSocket, { type: "claim", conversationId: manual })).toMatchObject({
      code: "not-a-member",
    });
    const auto = await startConversation(
      await connectVisitor(harness, { page: { url: "https://app.acme.test/auto/x" } }),
    );
    expect(await request(adaSocket, { type: "claim", conversationId: auto })).toMatchObject({
      code: "not-manual",
    });
  });

  it("offers a conversation that needs a skill only to agents who have it", async () => {
    await setRouting(harness, {
      queues: [
        { id: "general", strategy: "round-robin" },
        { id: "billing", strategy: "round-robin", skills: ["billing"] },
      ],
      rules: [{ when: { pageUrl: "https://app.acme.test/billing" }, queue: "billing", skills: ["invoices"] }],
      defaultQueue: "general",
    });
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    await harness.storage.updateAgent(ada.id, { skills: ["billing", "invoices"] });
    await harness.storage.updateAgent(bob.id, { skills: ["billing"] });
    const adaSocket = await connectAgent(harness, ada.token);
    const bobSocket = await connectAgent(harness, bob.token);
    for (let i = 0; i < 3; i++) {
      const visitor = await connectVisitor(harness, { page: { url: `https://app.acme.test/billing/${i}` } });
      const id = await startConversation(visitor);
      expect((await updated(visitor, id, (c) => c.status === "assigned")).assignee?.id).toBe(ada.id);
    }
    expect(offersTo(bobSocket)).toEqual([]);
    // Elsewhere, both share the work.
    const elsewhere = new Set<string | undefined>();
    for (let i = 0; i < 2; i++) {
      const visitor = await connectVisitor(harness, { page: { url: "https://app.acme.test/home" } });
      const id = await startConversation(visitor);
      elsewhere.add((await updated(adaSocket, id, (c) => c.status === "assigned")).assignee?.id);
    }
    expect(elsewhere).toEqual(new Set([ada.id, bob.id]));
  });

  it("rules choose the queue by page URL and by attribute, first match wins, with their priority", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    await setRouting(harness, {
      queues: [
        { id: "general", strategy: "round-robin", members: [ada.id] },
        { id: "sales", strategy: "round-robin", members: [bob.id] },
        { id: "vip", strategy: "round-robin", members: [bob.id], priority: 3 },
      ],
      rules: [
        {
          when: { attribute: { name: "pageTitle", in: ["Enterprise", "Contract"] } },
          queue: "vip",
          priority: 7,
        },
        { when: { pageUrl: "https://app.acme.test/pricing*" }, queue: "sales" },
      ],
      defaultQueue: "general",
    });
    const adaSocket = await connectAgent(harness, ada.token);
    await connectAgent(harness, bob.token);
    const route = async (page: { url: string; title?: string }) => {
      const id = await startConversation(await connectVisitor(harness, { page }));
      return updated(adaSocket, id, (c) => c.status === "assigned");
    };
    expect(await route({ url: "https://app.acme.test/pricing/team" })).toMatchObject({
      queueId: "sales",
      assignee: { id: bob.id },
      priority: 0,
    });
    expect(await route({ url: "https://app.acme.test/pricing", title: "Contract" })).toMatchObject({
      queueId: "vip",
      assignee: { id: bob.id },
      priority: 7,
    });
    expect(await route({ url: "https://app.acme.test/settings" })).toMatchObject({
      queueId: "general",
      assignee: { id: ada.id },
    });
  });
});
