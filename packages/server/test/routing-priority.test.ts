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

// `set-priority` over real sockets: the waiting queue reorders, the SLA clock follows the queue's
// targets for the new priority, other agents see it live, and strangers and bad values change nothing.

let harness: Harness;
let clock: number;
beforeEach(async () => {
  clock = Date.UTC(2026, 10, 24, 12, 0);
  harness = await startHarness({ now: () => clock });
  // Manual: nothing is offered, so conversations stay waiting in the order routing serves them.
  await setRouting(harness, {
    queues: [
      {
        id: "support",
        strategy: "manual",
        sla: { firstResponseMs: 3_600_000, byPriority: { "10": { firstResponseMs: 300_000 } } },
      },
    ],
    defaultQueue: "support",
  });
});
afterEach(async () => {
  await harness.stop();
});

/** The latest position the visitor was told for the conversation. */
const lastPosition = (visitor: TestSocket, conversationId: string) =>
  visitor.frames
    .flatMap((f) => (f.type === "queue-position" && f.conversationId === conversationId ? [f.position] : []))
    .at(-1);

async function waitForPosition(visitor: TestSocket, conversationId: string, position: number) {
  for (let i = 0; i < 200 && lastPosition(visitor, conversationId) !== position; i++) await delay(10);
  expect(lastPosition(visitor, conversationId)).toBe(position);
}

describe("set-priority", () => {
  it("moves a waiting conversation ahead in its queue, re-measures its SLA clock and tells the other agents", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const bobSocket = await connectAgent(harness, bob.token, undefined, { autoAccept: false });
    const first = await connectVisitor(harness);
    const firstId = await startConversation(first);
    clock += 60_000;
    const second = await connectVisitor(harness);
    const secondId = await startConversation(second);
    await waitForPosition(first, firstId, 1);
    await waitForPosition(second, secondId, 2);

    clock += 60_000;
    const reply = await request(adaSocket, { type: "set-priority", conversationId: secondId, priority: 10 });
    expect(reply).toMatchObject({
      type: "conversation",
      conversation: {
        id: secondId,
        status: "open",
        priority: 10,
        // Its wait began a minute before the 5-minute target of priority 10 applied.
        sla: { kind: "first-response", startedAt: clock - 60_000, dueAt: clock - 60_000 + 300_000 },
      },
    });
    // Served by priority first: the later conversation is next now, the earlier one second.
    await waitForPosition(second, secondId, 1);
    await waitForPosition(first, firstId, 2);
    expect((await harness.storage.getConversation(secondId))?.priority).toBe(10);
    // Bob's console hears it live; the visitor's copy carries no priority.
    expect((await updated(bobSocket, secondId, (c) => c.priority === 10)).sla?.dueAt).toBe(
      clock - 60_000 + 300_000,
    );
    expect(JSON.stringify(second.frames)).not.toContain('"priority"');

    // Back to 0: the base target again, and the older conversation first again.
    const back = await request(bobSocket, { type: "set-priority", conversationId: secondId, priority: 0 });
    expect(back).toMatchObject({
      conversation: { priority: 0, sla: { dueAt: clock - 60_000 + 3_600_000 } },
    });
    await waitForPosition(first, firstId, 1);
    await waitForPosition(second, secondId, 2);
    await updated(adaSocket, secondId, (c) => c.priority === 0);
  });

  it("changes an assigned conversation's priority too, and refuses a closed one", async () => {
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const conversationId = await startConversation(await connectVisitor(harness));
    await adaSocket.next("claimable", (f) => f.conversationIds.includes(conversationId));
    expect(await request(adaSocket, { type: "claim", conversationId })).toMatchObject({
      type: "conversation",
    });
    expect(await request(adaSocket, { type: "set-priority", conversationId, priority: -5 })).toMatchObject({
      type: "conversation",
      conversation: { status: "assigned", priority: -5 },
    });
    await request(adaSocket, { type: "close-conversation", conversationId });
    expect(await request(adaSocket, { type: "set-priority", conversationId, priority: 3 })).toMatchObject({
      type: "error",
      code: "conversation-closed",
    });
    expect((await harness.storage.getConversation(conversationId))?.priority).toBe(-5);
  });

  it("answers an agent of another app not-found, changing and telling nothing", async () => {
    await harness.storage.putApp({ appId: "beta", name: "Beta", allowedOrigins: [], createdAt: 1 });
    const ada = await harness.addAgent("Ada", { appIds: [APP_ID] });
    const cy = await harness.addAgent("Cy", { appIds: ["beta"] });
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const cySocket = await connectAgent(harness, cy.token, undefined, { autoAccept: false });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await adaSocket.next("conversation-created", (f) => f.conversation.id === conversationId);
    const before = await harness.storage.getConversation(conversationId);
    const seenByAda = adaSocket.frames.length;

    expect(await request(cySocket, { type: "set-priority", conversationId, priority: 50 })).toMatchObject({
      type: "error",
      code: "not-found",
    });
    await delay(100);
    expect(await harness.storage.getConversation(conversationId)).toEqual(before);
    expect(adaSocket.frames.slice(seenByAda)).toEqual([]);
    expect(JSON.stringify(cySocket.frames.filter((f) => f.type !== "error"))).not.toContain(conversationId);
  });

  it("refuses a bad value with bad-frame naming the field, and the connection carries on", async () => {
    const ada = await harness.addAgent("Ada");
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const conversationId = await startConversation(await connectVisitor(harness));
    await adaSocket.next("conversation-created", (f) => f.conversation.id === conversationId);
    const bad: unknown[] = [1.5, "high", 1e12, -1e12, null, Number.NaN];
    for (const priority of bad) {
      const answer = await request(adaSocket, { type: "set-priority", conversationId, priority });
      expect(answer, String(priority)).toMatchObject({
        type: "error",
        code: "bad-frame",
        retry: false,
        message: expect.stringMatching(/^priority: priority must be/),
      });
    }
    expect(await request(adaSocket, { type: "set-priority", conversationId })).toMatchObject({
      code: "bad-frame",
    });
    expect((await harness.storage.getConversation(conversationId))?.priority).toBe(0);
    // Still connected and heard: a good value goes through on the same socket.
    expect(
      await request(adaSocket, { type: "set-priority", conversationId, priority: 999_999_999 }),
    ).toMatchObject({ type: "conversation", conversation: { priority: 999_999_999 } });
  });
});
