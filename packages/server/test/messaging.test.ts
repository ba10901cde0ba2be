import type { Message } from "@relaydesk/sdk-types";
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

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

describe("send-message", () => {
  it("acknowledges a message only once it is in storage", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const ack = await request(visitor, {
      type: "send-message",
      conversationId,
      clientMsgId: "c-1",
      body: "My export is stuck at 99 %",
    });
    // Read storage the moment the ack is in hand: nothing may be pending.
    const stored = await harness.storage.listMessages(conversationId, 0, 10);
    expect(ack).toMatchObject({ type: "ack", seq: 1, clientMsgId: "c-1", duplicate: false, conversationId });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: ack.type === "ack" ? ack.messageId : "",
      body: "My export is stuck at 99 %",
      author: { kind: "visitor", id: visitor.visitorId },
    });
  });

  it("answers a repeated clientMsgId with the original ack and delivers the message once", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const frame = { type: "send-message", conversationId, clientMsgId: "same", body: "hello?" };
    const first = await request(visitor, frame);
    const second = await request(visitor, frame);
    expect(first).toMatchObject({ type: "ack", duplicate: false, seq: 1 });
    expect(second).toMatchObject({ type: "ack", duplicate: true, seq: 1 });
    expect(second.type === "ack" && first.type === "ack" && second.messageId === first.messageId).toBe(true);

    await agent.next("message-created", (f) => f.message.clientMsgId === "same");
    // A later message proves the agent's stream moved on past any late duplicate.
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "after", body: "anyone?" });
    await agent.next("message-created", (f) => f.message.clientMsgId === "after");
    const copies = agent.frames.filter(
      (f) => f.type === "message-created" && f.message.clientMsgId === "same",
    );
    expect(copies).toHaveLength(1);
    expect(await harness.storage.listMessages(conversationId, 0, 10)).toHaveLength(2);
  });

  it("numbers interleaved visitor and agent messages 1..N without gaps, and everyone sees them in order", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const N = 40;
    const acks = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const from = i % 2 === 0 ? visitor : agent;
        return request(from, {
          type: "send-message",
          conversationId,
          clientMsgId: `m${i}`,
          body: `message ${i}`,
        });
      }),
    );
    const seqs = acks.map((ack) => (ack.type === "ack" ? ack.seq : -1)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));

    for (const socket of [visitor, agent]) {
      await socket.next("message-created", (f) => f.message.seq === N);
      const seen = socket.frames.flatMap((f) => (f.type === "message-created" ? [f.message.seq] : []));
      // Each socket, the senders included, gets every message exactly once and in seq order.
      expect(seen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    }
  });

  it("sends the sender both the ack and the message-created", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const ack = await request(visitor, {
      type: "send-message",
      conversationId,
      clientMsgId: "x",
      body: "hi",
    });
    const created = await visitor.next("message-created");
    expect(ack.type === "ack" && created.message.id === ack.messageId).toBe(true);
  });

  it("refuses messages to a closed conversation", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const closed = await request(agent, { type: "close-conversation", conversationId });
    expect(closed).toMatchObject({
      type: "conversation",
      conversation: { id: conversationId, status: "closed" },
    });
    await visitor.next("conversation-updated", (f) => f.conversation.status === "closed");
    const reply = await request(visitor, {
      type: "send-message",
      conversationId,
      clientMsgId: "late",
      body: "wait",
    });
    expect(reply).toMatchObject({ type: "error", code: "conversation-closed", retry: false });
    expect(await harness.storage.listMessages(conversationId, 0, 10)).toHaveLength(0);
    // A new start-conversation opens a fresh one instead of the closed one.
    expect(await startConversation(visitor)).not.toBe(conversationId);
  });
});

describe("visibility", () => {
  it("answers not-found when a visitor writes to or reads another visitor's conversation", async () => {
    const alice = await connectVisitor(harness);
    const mallory = await connectVisitor(harness);
    const conversationId = await startConversation(alice);
    await request(alice, {
      type: "send-message",
      conversationId,
      clientMsgId: "a1",
      body: "my invoice number is 42",
    });

    const write = await request(mallory, {
      type: "send-message",
      conversationId,
      clientMsgId: "m1",
      body: "hi",
    });
    const read = await request(mallory, { type: "get-history", conversationId });
    const unknown = await request(mallory, { type: "get-history", conversationId: "cnv_doesnotexist" });
    expect(write).toMatchObject({ type: "error", code: "not-found" });
    expect(read).toMatchObject({ type: "error", code: "not-found" });
    // Someone else's conversation looks exactly like one that does not exist.
    expect(unknown.type === "error" && read.type === "error" && unknown.message === read.message).toBe(true);

    const list = await request(mallory, { type: "list-conversations" });
    expect(list).toMatchObject({ type: "conversations", conversations: [] });
    await delay(50);
    expect(
      mallory.frames.some((f) => f.type === "message-created" || f.type === "conversation-created"),
    ).toBe(false);
    expect(await harness.storage.listMessages(conversationId, 0, 10)).toHaveLength(1);
  });

  it("start-conversation returns the same open conversation to every tab of a visitor", async () => {
    const first = await connectVisitor(harness, {
      page: { url: "https://app.acme.test/billing", title: "Billing" },
    });
    const second = await connectVisitor(harness, { visitorToken: first.token });
    expect(second.visitorId).toBe(first.visitorId);
    const [a, b] = await Promise.all([startConversation(first), startConversation(second)]);
    expect(a).toBe(b);
    const stored = await harness.storage.getConversation(a);
    expect(stored).toMatchObject({
      status: "open",
      attributes: { pageUrl: "https://app.acme.test/billing", pageTitle: "Billing" },
    });
  });
});

describe("history, typing and read", () => {
  it("pages history and says whether more exists", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    for (let i = 1; i <= 5; i++) {
      await request(visitor, {
        type: "send-message",
        conversationId,
        clientMsgId: `h${i}`,
        body: `line ${i}`,
      });
    }
    const page = await request(visitor, { type: "get-history", conversationId, afterSeq: 1, limit: 3 });
    expect(page.type).toBe("history");
    if (page.type !== "history") return;
    expect(page.messages.map((m: Message) => m.seq)).toEqual([2, 3, 4]);
    expect(page.hasMore).toBe(true);
    const rest = await request(visitor, { type: "get-history", conversationId, afterSeq: 4 });
    expect(rest).toMatchObject({ type: "history", hasMore: false });
    expect(rest.type === "history" && rest.messages.map((m) => m.body)).toEqual(["line 5"]);
  });

  it("passes typing and read to the other side and never echoes them to the sender", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const otherTab = await connectVisitor(harness, { visitorToken: visitor.token });
    const conversationId = await startConversation(visitor);
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "t1", body: "hi" });

    visitor.send({ type: "typing", conversationId, active: true });
    const typing = await agent.next("typing");
    expect(typing).toMatchObject({
      conversationId,
      active: true,
      author: { kind: "visitor", id: visitor.visitorId },
    });

    agent.send({ type: "read", conversationId, seq: 1 });
    const read = await visitor.next("read");
    expect(read).toMatchObject({ conversationId, seq: 1, reader: { kind: "agent", name: "Ada" } });
    await otherTab.next("read");

    // A round trip on each socket after the events: anything echoed would have arrived by now.
    await Promise.all([
      request(visitor, { type: "ping" }),
      request(agent, { type: "ping" }),
      request(otherTab, { type: "ping" }),
    ]);
    expect(visitor.frames.some((f) => f.type === "typing")).toBe(false);
    expect(otherTab.frames.some((f) => f.type === "typing")).toBe(false);
    expect(agent.frames.some((f) => f.type === "read")).toBe(false);
  });

  it("passes delivered both ways, clamped to the newest seq, never back to the sender's identity", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const otherTab = await connectVisitor(harness, { visitorToken: visitor.token });
    const conversationId = await startConversation(visitor);
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "d1", body: "hi" });
    await request(agent, { type: "send-message", conversationId, clientMsgId: "d2", body: "hello" });

    agent.send({ type: "delivered", conversationId, seq: 1 });
    const toVisitor = await visitor.next("delivered");
    expect(toVisitor).toMatchObject({ conversationId, seq: 1, recipient: { kind: "agent", name: "Ada" } });
    await otherTab.next("delivered");

    // A claim past the newest message is clamped, as for read.
    visitor.send({ type: "delivered", conversationId, seq: 99 });
    const toAgent = await agent.next("delivered");
    expect(toAgent).toMatchObject({
      conversationId,
      seq: 2,
      recipient: { kind: "visitor", id: visitor.visitorId },
    });

    await Promise.all([
      request(visitor, { type: "ping" }),
      request(agent, { type: "ping" }),
      request(otherTab, { type: "ping" }),
    ]);
    expect(agent.frames.filter((f) => f.type === "delivered")).toHaveLength(1);
    expect(visitor.frames.filter((f) => f.type === "delivered")).toHaveLength(1);
    expect(otherTab.frames.filter((f) => f.type === "delivered")).toHaveLength(1);
  });

  it("refuses delivered for another visitor's conversation with not-found, telling nobody", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const owner = await connectVisitor(harness);
    const stranger = await connectVisitor(harness);
    const conversationId = await startConversation(owner);
    await request(owner, { type: "send-message", conversationId, clientMsgId: "o1", body: "mine" });

    stranger.send({ type: "delivered", conversationId, seq: 1 });
    const refusal = await stranger.next("error");
    expect(refusal).toMatchObject({ type: "error", code: "not-found" });
    await Promise.all([request(owner, { type: "ping" }), request(agent, { type: "ping" })]);
    expect(agent.frames.some((f) => f.type === "delivered")).toBe(false);
    expect(owner.frames.some((f) => f.type === "delivered")).toBe(false);
  });

  it("answers ping with pong echoing t", async () => {
    const visitor = await connectVisitor(harness);
    const before = Date.now();
    const pong = await request(visitor, { type: "ping", t: 12.5 });
    expect(pong).toMatchObject({ type: "pong", t: 12.5 });
    expect(pong.type === "pong" && pong.serverTime >= before).toBe(true);
  });
});

describe("gaps on the bus", () => {
  it("fills a gap from storage when the bus skipped messages, keeping seq order", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "g1", body: "one" });
    await agent.next("message-created", (f) => f.message.seq === 1);
    // Two messages stored without any publication (a lossy bus), then a third that is published.
    const author = { kind: "visitor" as const, id: visitor.visitorId };
    for (const n of [2, 3]) {
      await harness.storage.appendMessage({
        id: `msg_gap${n}`,
        conversationId,
        clientMsgId: `g${n}`,
        author,
        kind: "text",
        body: `lost ${n}`,
        createdAt: Date.now(),
      });
    }
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "g4", body: "four" });
    await agent.next("message-created", (f) => f.message.seq === 4);
    const seen = agent.frames.flatMap((f) => (f.type === "message-created" ? [f.message.seq] : []));
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
