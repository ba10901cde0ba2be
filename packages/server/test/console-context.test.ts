import type { Conversation } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";
import { setRouting } from "./routing-helpers.ts";

// What the console shows around a conversation: the visitor's local time zone (agents only),
// the agent's queues ("My queues") and the visitor's earlier conversations.

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

describe("the visitor's time zone", () => {
  it("is kept as the timeZone attribute for agents when it names a zone, and never reaches the visitor", async () => {
    harness = await startHarness();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness, {
      page: { url: "https://app.acme.test/p", title: "Pricing", timeZone: "europe/madrid" },
    });
    const conversationId = await startConversation(visitor);
    const created = await agent.next("conversation-created", (f) => f.conversation.id === conversationId);
    expect(created.conversation.attributes).toMatchObject({
      pageUrl: "https://app.acme.test/p",
      timeZone: "Europe/Madrid",
    });
    const listed = await request(agent, { type: "list-conversations" });
    expect(listed.type === "conversations" && listed.conversations[0]?.attributes.timeZone).toBe(
      "Europe/Madrid",
    );

    await request(visitor, { type: "list-conversations" });
    await visitor.next("conversation-updated", (f) => f.conversation.id === conversationId);
    expect(JSON.stringify(visitor.frames)).not.toContain("Madrid");
    expect(visitor.frames.some((f) => f.type === "conversations")).toBe(true);
  });

  it("is dropped when it names no zone; a hello with an over-long one is refused with the reason", async () => {
    harness = await startHarness();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness, {
      page: { url: "https://app.acme.test/", timeZone: "Mars/Base" },
    });
    const conversationId = await startConversation(visitor);
    const created = await agent.next("conversation-created", (f) => f.conversation.id === conversationId);
    expect(created.conversation.attributes).not.toHaveProperty("timeZone");
    expect(created.conversation.attributes.pageUrl).toBe("https://app.acme.test/");

    await expect(
      connectVisitor(harness, { page: { url: "https://app.acme.test/", timeZone: "x".repeat(65) } }),
    ).rejects.toThrow();
  });
});

describe("list-queues", () => {
  it("lists the queues the agent is a member of, by app, open queues included", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    await setRouting(harness, {
      queues: [
        { id: "billing", name: "Billing", strategy: "manual", members: [ada.id] },
        { id: "tech", name: "Tech", strategy: "round-robin", members: [bob.id] },
        { id: "general", name: "General", strategy: "least-busy" },
      ],
      defaultQueue: "general",
    });
    const adaSocket = await connectAgent(harness, ada.token);
    const bobSocket = await connectAgent(harness, bob.token);
    expect(await request(adaSocket, { type: "list-queues" })).toMatchObject({
      type: "queues",
      queues: [
        { appId: APP_ID, id: "billing", name: "Billing" },
        { appId: APP_ID, id: "general", name: "General" },
      ],
    });
    const bobs = await request(bobSocket, { type: "list-queues" });
    expect(bobs.type === "queues" && bobs.queues.map((q) => q.id)).toEqual(["tech", "general"]);
  });

  it("without a routing config, the implicit default queue; visitors may not ask", async () => {
    harness = await startHarness();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    expect(await request(agent, { type: "list-queues" })).toMatchObject({
      type: "queues",
      queues: [{ appId: APP_ID, id: "default", name: "Default" }],
    });
    const visitor = await connectVisitor(harness);
    expect(await request(visitor, { type: "list-queues" })).toMatchObject({
      type: "error",
      code: "unknown-type",
    });
  });
});

describe("list-visitor-conversations", () => {
  it("lists the visitor's other conversations, newest first, each with its last message, and no one else's", async () => {
    harness = await startHarness();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness);
    const started: string[] = [];
    for (const key of ["k1", "k2", "k3"]) {
      const reply = await request(visitor, { type: "start-conversation", clientConversationId: key });
      if (reply.type !== "conversation") throw new Error(JSON.stringify(reply));
      started.push(reply.conversation.id);
      await request(visitor, {
        type: "send-message",
        conversationId: reply.conversation.id,
        clientMsgId: `m-${key}`,
        body: `hello from ${key}`,
      });
    }
    const stranger = await connectVisitor(harness);
    await startConversation(stranger);

    const [first, second, third] = started as [string, string, string];
    const reply = await request(agent, { type: "list-visitor-conversations", conversationId: third });
    if (reply.type !== "visitor-conversations") throw new Error(JSON.stringify(reply));
    expect(reply.conversationId).toBe(third);
    expect(reply.total).toBe(2);
    expect(reply.conversations.map((e) => e.conversation.id)).toEqual([second, first]);
    expect(reply.conversations.map((e) => e.lastMessage?.body)).toEqual(["hello from k2", "hello from k1"]);
    const ids = reply.conversations.map((e: { conversation: Conversation }) => e.conversation.visitorId);
    expect(new Set(ids)).toEqual(new Set([visitor.visitorId]));
  });
});
