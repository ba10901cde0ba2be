import type { Conversation } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
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
});
