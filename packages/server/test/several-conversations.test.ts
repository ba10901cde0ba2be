import type { Conversation, ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  type Harness,
  request,
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

async function start(visitor: TestSocket, clientConversationId?: string): Promise<Conversation> {
  const reply = await request(visitor, {
    type: "start-conversation",
    ...(clientConversationId ? { clientConversationId } : {}),
  });
  if (reply.type !== "conversation") throw new Error(`start-conversation answered ${JSON.stringify(reply)}`);
  return reply.conversation;
}

const send = (socket: TestSocket, conversationId: string, clientMsgId: string) =>
  request(socket, { type: "send-message", conversationId, clientMsgId, body: clientMsgId });

const replayedBodies = (frames: ServerFrame[]) =>
  frames.flatMap((f) =>
    f.type === "message-created" ? [`${f.message.conversationId}:${f.message.body}`] : [],
  );

describe("several conversations per visitor", () => {
  it("opens a new conversation per clientConversationId while another is open; a repeated key opens none", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const first = await start(visitor);
    const second = await start(visitor, "new-1");
    const again = await start(visitor, "new-1");
    const third = await start(visitor, "new-2");

    expect(second.id).not.toBe(first.id);
    expect(again.id).toBe(second.id);
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    for (const c of [second, third]) expect(c.visitorId).toBe(visitor.visitorId);
    // Agents hear about each new one exactly once.
    await agent.next("conversation-created", (f) => f.conversation.id === third.id);
    const created = agent.frames.flatMap((f) =>
      f.type === "conversation-created" ? [f.conversation.id] : [],
    );
    expect(created.sort()).toEqual([first.id, second.id, third.id].sort());
    const stored = await harness.storage.listConversations({ visitorId: visitor.visitorId });
    expect(stored).toHaveLength(3);
  });

  it("gives two tabs asking at once with the same key one conversation", async () => {
    const visitor = await connectVisitor(harness);
    const tab = await connectVisitor(harness, { visitorToken: visitor.token });
    const [a, b] = await Promise.all([start(visitor, "same-key"), start(tab, "same-key")]);
    expect(a.id).toBe(b.id);
    expect(await harness.storage.listConversations({ visitorId: visitor.visitorId })).toHaveLength(1);
  });

  it("scopes the key to the visitor: another visitor's same key is another conversation", async () => {
    const one = await connectVisitor(harness);
    const two = await connectVisitor(harness);
    const a = await start(one, "k");
    const b = await start(two, "k");
    expect(a.id).not.toBe(b.id);
    expect(b.visitorId).toBe(two.visitorId);
  });

  it("keeps earlier conversations, closed ones too, listed, readable and replayed to a new tab", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const old = await startConversation(visitor);
    await send(visitor, old, "old-1");
    await request(agent, { type: "close-conversation", conversationId: old });
    // Closed: the keyless start opens a fresh one; a keyed start opens yet another.
    const current = (await start(visitor)).id;
    const extra = (await start(visitor, "extra")).id;
    expect(new Set([old, current, extra]).size).toBe(3);
    await send(visitor, current, "current-1");
    await send(visitor, extra, "extra-1");

    const list = await request(visitor, { type: "list-conversations" });
    expect(list.type === "conversations" && list.conversations.map((c) => c.id).sort()).toEqual(
      [old, current, extra].sort(),
    );
    expect(list.type === "conversations" && list.conversations.find((c) => c.id === old)?.status).toBe(
      "closed",
    );
    const history = await request(visitor, { type: "get-history", conversationId: old });
    expect(history.type === "history" && history.messages.map((m) => m.body)).toEqual(["old-1"]);

    const tab = await connectVisitor(harness, { visitorToken: visitor.token });
    // Oldest conversation first, each in seq order.
    expect(replayedBodies(tab.frames)).toEqual([`${old}:old-1`, `${current}:current-1`, `${extra}:extra-1`]);
    expect(tab.frames.find((f) => f.type === "sync-complete")).toMatchObject({
      lastSeq: { [old]: 1, [current]: 1, [extra]: 1 },
    });

    // A keyed start whose conversation was closed returns it as it is (closed), not a new one.
    await request(agent, { type: "close-conversation", conversationId: extra });
    const retried = await start(visitor, "extra");
    expect(retried).toMatchObject({ id: extra, status: "closed" });
  });

  it("a visitor can never reach another visitor's conversation through a key", async () => {
    const one = await connectVisitor(harness);
    const two = await connectVisitor(harness);
    const theirs = await start(one, "shared");
    await send(one, theirs.id, "secret");
    const mine = await start(two, "shared");
    const history = await request(two, { type: "get-history", conversationId: mine.id });
    expect(history.type === "history" && history.messages).toEqual([]);
    const denied = await request(two, { type: "get-history", conversationId: theirs.id });
    expect(denied).toMatchObject({ type: "error", code: "not-found" });
  });
});
