import type { Conversation } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  type Harness,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

async function assigned(socket: TestSocket, conversationId: string): Promise<Conversation> {
  const update = await socket.next(
    "conversation-updated",
    (f) => f.conversation.id === conversationId && f.conversation.status === "assigned",
  );
  return update.conversation;
}

describe("round-robin routing", () => {
  it("alternates new conversations between the two online agents", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token);
    await connectAgent(harness, bob.token);
    const assignees: string[] = [];
    for (let i = 0; i < 4; i++) {
      const visitor = await connectVisitor(harness);
      const conversationId = await startConversation(visitor);
      // The visitor hears who took the conversation.
      const conversation = await assigned(visitor, conversationId);
      expect(conversation.assignee?.name).toMatch(/^(Ada|Bob)$/);
      await assigned(adaSocket, conversationId);
      assignees.push(conversation.assignee!.id);
      expect((await harness.storage.getConversation(conversationId))?.assignee?.id).toBe(
        conversation.assignee!.id,
      );
    }
    expect(new Set(assignees)).toEqual(new Set([ada.id, bob.id]));
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[1]).not.toBe(assignees[2]);
    expect(assignees[2]).not.toBe(assignees[3]);
  });

  it("leaves conversations waiting with no agent online and assigns them, oldest first, when one connects", async () => {
    const ada = await harness.addAgent("Ada");
    const visitors = [await connectVisitor(harness), await connectVisitor(harness)];
    const ids = [await startConversation(visitors[0]!), await startConversation(visitors[1]!)];
    for (const id of ids) {
      expect(await harness.storage.getConversation(id)).toMatchObject({ status: "open", assignee: null });
    }
    const agent = await connectAgent(harness, ada.token);
    const first = await assigned(agent, ids[0]!);
    const second = await assigned(agent, ids[1]!);
    expect(first.assignee).toEqual({ id: ada.id, name: "Ada" });
    expect(second.assignee).toEqual({ id: ada.id, name: "Ada" });
    const order = agent.frames.flatMap((f) => (f.type === "conversation-updated" ? [f.conversation.id] : []));
    expect(order).toEqual(ids);
    await assigned(visitors[0]!, ids[0]!);
  });

  it("offers only agents that are online: a disconnected agent gets nothing", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token);
    const bobSocket = await connectAgent(harness, bob.token);
    bobSocket.close();
    await bobSocket.closed;
    for (let i = 0; i < 3; i++) {
      const visitor = await connectVisitor(harness);
      const conversationId = await startConversation(visitor);
      expect((await assigned(adaSocket, conversationId)).assignee?.id).toBe(ada.id);
    }
  });

  it("shows agents new conversations and lists them", async () => {
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness, { page: { url: "https://app.acme.test/reports" } });
    const conversationId = await startConversation(visitor);
    const created = await agent.next("conversation-created");
    expect(created.conversation).toMatchObject({
      id: conversationId,
      status: "open",
      attributes: { pageUrl: "https://app.acme.test/reports" },
    });
    await assigned(agent, conversationId);
    agent.send({ type: "list-conversations", id: "l1" });
    const list = await agent.next("conversations");
    expect(list.conversations.map((c) => c.id)).toEqual([conversationId]);
  });

  it("offers a conversation only to agents of its app, and keeps it waiting for one", async () => {
    const beta = { appId: "beta", origin: "https://beta.example.test" };
    await harness.storage.putApp({ ...beta, name: "Beta", allowedOrigins: [beta.origin], createdAt: 1 });
    const acme = await harness.addAgent("Acme Agent");
    const acmeSocket = await connectAgent(harness, acme.token);
    // Only acme's agent is online: a beta conversation waits rather than going to it.
    const betaVisitor = await connectVisitor(harness, {}, beta);
    const waiting = await startConversation(betaVisitor);
    const acmeVisitor = await connectVisitor(harness);
    const acmeConversation = await startConversation(acmeVisitor);
    expect((await assigned(acmeSocket, acmeConversation)).assignee?.id).toBe(acme.id);
    expect(await harness.storage.getConversation(waiting)).toMatchObject({ status: "open", assignee: null });
    expect(acmeSocket.frames.some((f) => JSON.stringify(f).includes(waiting))).toBe(false);

    // A beta agent coming online takes it; acme's agent still hears nothing of it.
    const betaAgent = await harness.addAgent("Beta Agent", { appIds: ["beta"] });
    const betaSocket = await connectAgent(harness, betaAgent.token);
    expect((await assigned(betaSocket, waiting)).assignee?.id).toBe(betaAgent.id);
    await assigned(betaVisitor, waiting);

    // With an agent of both apps online too, each app's conversations go round-robin among its own.
    const both = await harness.addAgent("Both Agent", { appIds: [APP_ID, "beta"] });
    await connectAgent(harness, both.token);
    for (let i = 0; i < 4; i++) {
      const visitor = await connectVisitor(harness, {}, beta);
      const conversationId = await startConversation(visitor);
      expect([betaAgent.id, both.id]).toContain((await assigned(visitor, conversationId)).assignee?.id);
    }
    for (let i = 0; i < 4; i++) {
      const visitor = await connectVisitor(harness);
      const conversationId = await startConversation(visitor);
      expect([acme.id, both.id]).toContain((await assigned(visitor, conversationId)).assignee?.id);
    }
    const betaIds = new Set((await harness.storage.listConversations({ appId: "beta" })).map((c) => c.id));
    expect(acmeSocket.frames.some((f) => [...betaIds].some((id) => JSON.stringify(f).includes(id)))).toBe(
      false,
    );
  });
});
