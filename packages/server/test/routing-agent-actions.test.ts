import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";
import { setRouting, updated } from "./routing-helpers.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

/** A visitor with a conversation assigned to the (auto-accepting) agent given. */
async function assignedConversation(agent: TestSocket, page?: { url: string; title?: string }) {
  const visitor = await connectVisitor(harness, page ? { page } : {});
  const conversationId = await startConversation(visitor);
  await updated(agent, conversationId, (c) => c.status === "assigned");
  return { visitor, conversationId };
}

describe("agent actions", () => {
  it("transfers to an agent and to a queue, keeping the note internal", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    await setRouting(harness, {
      queues: [
        { id: "general", strategy: "round-robin", members: [ada.id] },
        { id: "billing", strategy: "round-robin", members: [bob.id] },
      ],
      defaultQueue: "general",
    });
    const adaSocket = await connectAgent(harness, ada.token);
    const bobSocket = await connectAgent(harness, bob.token);
    const { visitor, conversationId } = await assignedConversation(adaSocket);

    const toBob = await request(adaSocket, {
      type: "transfer",
      conversationId,
      to: { agentId: bob.id },
      note: "SECRET-1 wants a refund",
    });
    expect(toBob).toMatchObject({
      type: "conversation",
      conversation: { status: "assigned", assignee: { id: bob.id } },
    });
    const note = await bobSocket.next("note-created", (f) => f.note.conversationId === conversationId);
    expect(note.note.body).toBe("Transferred to agent Bob: SECRET-1 wants a refund");
    await updated(visitor, conversationId, (c) => c.assignee?.id === bob.id);

    const toQueue = await request(bobSocket, {
      type: "transfer",
      conversationId,
      to: { queueId: "general" },
      note: "SECRET-2 back to general",
    });
    expect(toQueue).toMatchObject({ conversation: { status: "open", assignee: null, queueId: "general" } });
    expect((await updated(adaSocket, conversationId, (c) => c.status === "assigned")).assignee?.id).toBe(
      ada.id,
    );
    expect(
      await request(adaSocket, { type: "transfer", conversationId, to: { queueId: "nope" } }),
    ).toMatchObject({
      code: "unknown-queue",
    });
    expect(
      await request(adaSocket, { type: "transfer", conversationId, to: { agentId: "agt_nobody" } }),
    ).toMatchObject({
      code: "not-a-member",
    });
    // Another app's agent is not a target: the conversation stays where it is, and they hear nothing.
    await harness.storage.putApp({ appId: "beta", name: "Beta", allowedOrigins: [], createdAt: 1 });
    const cy = await harness.addAgent("Cy", { appIds: ["beta"] });
    const cySocket = await connectAgent(harness, cy.token);
    expect(
      await request(adaSocket, { type: "transfer", conversationId, to: { agentId: cy.id } }),
    ).toMatchObject({ code: "not-a-member" });
    expect((await harness.storage.getConversation(conversationId))?.assignee?.id).toBe(ada.id);
    await delay(100);
    expect(JSON.stringify(cySocket.frames)).not.toContain(conversationId);
    await delay(100);
    expect(JSON.stringify(visitor.frames)).not.toContain("SECRET");
  });

  it("never delivers an internal note to the visitor: not live, not in replay, history or lists", async () => {
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token);
    const { visitor, conversationId } = await assignedConversation(adaSocket);
    const secondTab = await connectVisitor(harness, { visitorToken: visitor.token });
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "v1", body: "hello" });
    const note = await request(adaSocket, {
      type: "add-note",
      conversationId,
      body: "SECRET-NOTE angry customer",
    });
    expect(note).toMatchObject({ type: "note", note: { kind: "note", body: "SECRET-NOTE angry customer" } });
    await request(adaSocket, { type: "send-message", conversationId, clientMsgId: "a1", body: "hi there" });
    // The agent's reply arrives after the note was stored: had the note travelled the visitor's way,
    // it would have arrived first.
    await visitor.next("message-created", (f) => f.message.body === "hi there");
    expect(await request(adaSocket, { type: "list-notes", conversationId })).toMatchObject({
      type: "notes",
      notes: [{ body: "SECRET-NOTE angry customer", author: { id: ada.id } }],
    });
    const history = await request(visitor, { type: "get-history", conversationId });
    expect(history).toMatchObject({ type: "history", messages: [{ seq: 1 }, { seq: 2 }] });
    await request(visitor, { type: "list-conversations" });
    // A fresh tab: the whole replay.
    const thirdTab = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(thirdTab.frames.filter((f) => f.type === "message-created")).toHaveLength(2);
    // Visitors cannot ask for notes at all.
    expect(await request(visitor, { type: "list-notes", conversationId })).toMatchObject({
      code: "unknown-type",
    });
    await delay(100);
    for (const socket of [visitor, secondTab, thirdTab]) {
      const text = JSON.stringify(socket.frames);
      expect(text).not.toContain("SECRET-NOTE");
      expect(socket.frames.some((f) => (f.type as string) === "note-created")).toBe(false);
    }
  });

  it("tags a conversation for agents only, closes and reopens it", async () => {
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token);
    const { visitor, conversationId } = await assignedConversation(adaSocket);
    const tagged = await request(adaSocket, {
      type: "set-tags",
      conversationId,
      tags: ["refund-risk", "vip", "vip"],
    });
    expect(tagged).toMatchObject({ conversation: { tags: ["refund-risk", "vip"] } });
    expect((await updated(adaSocket, conversationId, (c) => (c.tags ?? []).includes("vip"))).tags).toEqual([
      "refund-risk",
      "vip",
    ]);
    expect(await request(adaSocket, { type: "set-tags", conversationId, tags: [""] })).toMatchObject({
      code: "bad-frame",
    });

    await request(adaSocket, { type: "close-conversation", conversationId });
    await updated(visitor, conversationId, (c) => c.status === "closed");
    expect(
      await request(visitor, {
        type: "send-message",
        conversationId,
        clientMsgId: "late",
        body: "one more thing",
      }),
    ).toMatchObject({ code: "conversation-closed" });
    const reopened = await request(adaSocket, { type: "reopen-conversation", conversationId });
    expect(reopened).toMatchObject({ conversation: { status: "assigned", assignee: { id: ada.id } } });
    await updated(visitor, conversationId, (c) => c.status === "assigned");
    expect(
      await request(visitor, {
        type: "send-message",
        conversationId,
        clientMsgId: "late",
        body: "one more thing",
      }),
    ).toMatchObject({ type: "ack" });
    // Tags and routing state are the agents' business.
    const visitorText = JSON.stringify(visitor.frames);
    expect(visitorText).not.toContain("refund-risk");
    expect(visitorText).not.toContain("queueId");
  });

  it("lists the canned replies of the agent's apps", async () => {
    await harness.storage.addCannedReply({
      id: "can_1",
      appId: APP_ID,
      shortcut: "hello",
      text: "Hi {visitor.name}, {agent.name} here.",
      createdAt: 1,
    });
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token);
    expect(await request(adaSocket, { type: "list-canned" })).toMatchObject({
      type: "canned",
      replies: [{ shortcut: "hello", text: "Hi {visitor.name}, {agent.name} here." }],
    });
  });
});
