import { afterEach, describe, expect, it } from "vitest";
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
afterEach(async () => {
  await harness.stop();
});

const oneQueue = (strategy: string, offerTimeoutMs = 30_000) => ({
  queues: [{ id: "support", strategy, offerTimeoutMs }],
  defaultQueue: "support",
});

describe("offers", () => {
  it("offers a new conversation to one agent, and accepting assigns it", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const offer = await agent.next("offer", (f) => f.conversation.id === conversationId);
    expect(offer.conversation).toMatchObject({ status: "open", assignee: null, queueId: "default" });
    expect(offer.expiresAt).toBeGreaterThan(Date.now() + 20_000);
    // Offered is not assigned: storage still has it waiting.
    expect(await harness.storage.getConversation(conversationId)).toMatchObject({
      status: "open",
      assignee: null,
    });
    const reply = await request(agent, { type: "accept-offer", conversationId });
    expect(reply).toMatchObject({
      type: "conversation",
      conversation: { status: "assigned", assignee: { id: ada.id } },
    });
    expect((await updated(visitor, conversationId, (c) => c.status === "assigned")).assignee?.name).toBe(
      "Ada",
    );
    // A second accept finds no offer any more.
    expect(await request(agent, { type: "accept-offer", conversationId })).toMatchObject({
      type: "error",
      code: "offer-expired",
    });
  });

  it("moves an offer that times out to the next agent", async () => {
    harness = await startHarness();
    await setRouting(harness, oneQueue("round-robin", 1_000));
    const agents = [await harness.addAgent("Ada"), await harness.addAgent("Bob")];
    const sockets = await Promise.all(
      agents.map((a) => connectAgent(harness, a.token, undefined, { autoAccept: false })),
    );
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const first = await Promise.any(sockets.map((s) => s.next("offer").then(() => s)));
    const second = sockets.find((s) => s !== first)!;
    const started = Date.now();
    const moved = await second.next("offer", (f) => f.conversation.id === conversationId, 4_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(moved.expiresAt - Date.now()).toBeGreaterThan(500);
    await first.next("offer-revoked", (f) => f.conversationId === conversationId && f.reason === "expired");
    expect(await request(first, { type: "accept-offer", conversationId })).toMatchObject({
      code: "offer-expired",
    });
    expect(await request(second, { type: "accept-offer", conversationId })).toMatchObject({
      type: "conversation",
    });
  });

  it("moves a declined offer on at once", async () => {
    harness = await startHarness();
    const agents = [await harness.addAgent("Ada"), await harness.addAgent("Bob")];
    const sockets = await Promise.all(
      agents.map((a) => connectAgent(harness, a.token, undefined, { autoAccept: false })),
    );
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const first = await Promise.any(sockets.map((s) => s.next("offer").then(() => s)));
    const second = sockets.find((s) => s !== first)!;
    const started = Date.now();
    expect(await request(first, { type: "decline-offer", conversationId })).toMatchObject({
      type: "conversation",
    });
    await second.next("offer", (f) => f.conversation.id === conversationId, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    // With nobody else left, it comes back to the one who declined (a new round), not nowhere.
    expect(await request(second, { type: "decline-offer", conversationId })).toMatchObject({
      type: "conversation",
    });
    await first.next(
      "offer",
      (f) => f.conversation.id === conversationId && offersTo(first).length === 2,
      1_000,
    );
  });

  it("never exceeds capacity: the third conversation waits until one of two is closed", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    await harness.storage.updateAgent(ada.id, { capacity: 2 });
    const agent = await connectAgent(harness, ada.token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await startConversation(await connectVisitor(harness)));
    await updated(agent, ids[0]!, (c) => c.status === "assigned");
    await updated(agent, ids[1]!, (c) => c.status === "assigned");
    await delay(300);
    expect(offersTo(agent)).not.toContain(ids[2]);
    expect(await harness.storage.getConversation(ids[2]!)).toMatchObject({ status: "open", assignee: null });
    await request(agent, { type: "close-conversation", conversationId: ids[0] });
    expect((await updated(agent, ids[2]!, (c) => c.status === "assigned")).assignee?.id).toBe(ada.id);
    const held = await harness.storage.listConversations({ assigneeId: ada.id, status: ["assigned"] });
    expect(held.map((c) => c.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it("least-busy offers the agent with the fewest conversations", async () => {
    harness = await startHarness();
    await setRouting(harness, oneQueue("least-busy"));
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token);
    const first = await startConversation(await connectVisitor(harness));
    expect((await updated(adaSocket, first, (c) => c.status === "assigned")).assignee?.id).toBe(ada.id);
    await connectAgent(harness, bob.token);
    const assignee = async () => {
      const id = await startConversation(await connectVisitor(harness));
      return (await updated(adaSocket, id, (c) => c.status === "assigned")).assignee?.id;
    };
    // Ada holds one, Bob none: Bob, whatever round-robin would say.
    expect(await assignee()).toBe(bob.id);
    // One each: either; then the other one, who has fewer.
    const third = await assignee();
    expect(await assignee()).toBe(third === ada.id ? bob.id : ada.id);
  });

  it("gives away agents no offers, and offers once they are back", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    expect(await request(agent, { type: "set-presence", status: "away" })).toMatchObject({
      type: "presence",
      agents: [{ id: ada.id, status: "away" }],
    });
    const conversationId = await startConversation(await connectVisitor(harness));
    await delay(300);
    expect(offersTo(agent)).toEqual([]);
    await request(agent, { type: "set-presence", status: "online" });
    await agent.next("offer", (f) => f.conversation.id === conversationId);
  });

  it("re-queues the conversations of an agent disconnected past the grace period, keeping their waiting time", async () => {
    harness = await startHarness({ disconnectGraceMs: 400 });
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const assigned = await updated(visitor, conversationId, (c) => c.status === "assigned");
    expect(assigned.assignee?.id).toBe(ada.id);
    adaSocket.close();
    await adaSocket.closed;
    // Within the grace period nothing moves (a reload must not cost the agent its chats).
    await delay(150);
    expect(await harness.storage.getConversation(conversationId)).toMatchObject({ status: "assigned" });
    const requeued = await updated(visitor, conversationId, (c) => c.status === "open", 2_000);
    expect(requeued.assignee).toBeNull();
    const stored = await harness.storage.getConversation(conversationId);
    expect(stored?.waitingSince).toBe(stored?.createdAt);
    const bobSocket = await connectAgent(harness, bob.token);
    expect((await updated(bobSocket, conversationId, (c) => c.status === "assigned")).assignee?.id).toBe(
      bob.id,
    );
  });

  it("keeps the conversations of an agent that reconnects within the grace period", async () => {
    harness = await startHarness({ disconnectGraceMs: 400 });
    const ada = await harness.addAgent("Ada");
    const first = await connectAgent(harness, ada.token);
    const conversationId = await startConversation(await connectVisitor(harness));
    await updated(first, conversationId, (c) => c.status === "assigned");
    first.close();
    await first.closed;
    await connectAgent(harness, ada.token);
    await delay(700);
    expect(await harness.storage.getConversation(conversationId)).toMatchObject({
      status: "assigned",
      assignee: { id: ada.id },
    });
  });

  it("tells a waiting visitor its position and expected wait, as the queue moves", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    await harness.storage.updateAgent(ada.id, { capacity: 1 });
    const visitors = [
      await connectVisitor(harness),
      await connectVisitor(harness),
      await connectVisitor(harness),
    ];
    const ids: string[] = [];
    for (const visitor of visitors) ids.push(await startConversation(visitor));
    const last = visitors[2]!;
    const positions = () => last.frames.flatMap((f) => (f.type === "queue-position" ? [f] : []));
    await last.next("queue-position", (f) => f.conversationId === ids[2] && f.position === 3);
    const agent = await connectAgent(harness, ada.token);
    await last.next("queue-position", (f) => f.position === 2);
    await request(agent, { type: "close-conversation", conversationId: ids[0] });
    await last.next("queue-position", (f) => f.position === 1);
    const seen = positions();
    expect(seen.every((f) => f.conversationId === ids[2])).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.position).toBeLessThanOrEqual(seen[i - 1]!.position);
    for (let i = 1; i < seen.length; i++) {
      if (seen[i]!.position < seen[i - 1]!.position)
        expect(seen[i]!.expectedWaitMs).toBeLessThan(seen[i - 1]!.expectedWaitMs);
    }
    // The other visitors never hear about this conversation.
    expect(JSON.stringify(visitors[0]!.frames)).not.toContain(ids[2]);
  });
});
