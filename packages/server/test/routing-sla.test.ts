import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RelayEvent } from "../src/routing/relay-events.ts";
import {
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";
import { setRouting, updated } from "./routing-helpers.ts";

let harness: Harness;
let events: RelayEvent[];
let clock: number;
beforeEach(async () => {
  events = [];
  clock = Date.UTC(2026, 10, 24, 12, 0);
  harness = await startHarness({
    now: () => clock,
    onEvent: (e) => (e.type === "sla.breached" || e.type === "conversation.offline") && events.push(e),
    slaSweepMs: 20,
  });
  await setRouting(harness, {
    queues: [
      { id: "support", strategy: "round-robin", sla: { firstResponseMs: 60_000, nextResponseMs: 120_000 } },
    ],
    defaultQueue: "support",
  });
});
afterEach(async () => {
  await harness.stop();
});

let msg = 0;
const say = (socket: Parameters<typeof request>[0], conversationId: string, body: string) =>
  request(socket, { type: "send-message", conversationId, clientMsgId: `m${++msg}`, body });

describe("SLA clocks", () => {
  it("records, emits and shows agents a missed first response; the visitor never sees a clock", async () => {
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const created = await agent.next("conversation-created", (f) => f.conversation.id === conversationId);
    expect(created.conversation.sla).toEqual({
      kind: "first-response",
      startedAt: clock,
      dueAt: clock + 60_000,
    });

    clock += 59_000;
    (await harness.relay) && (await harness.storage.getConversation(conversationId));
    expect(events).toEqual([]);
    clock += 1_000; // due now
    const breached = await updated(agent, conversationId, (c) => c.sla?.breachedAt !== undefined);
    expect(breached.sla).toEqual({
      kind: "first-response",
      startedAt: clock - 60_000,
      dueAt: clock,
      breachedAt: clock,
    });
    expect(breached.slaBreaches).toBe(1);
    expect(events).toEqual([
      {
        type: "sla.breached",
        appId: "acme",
        conversationId,
        queueId: "support",
        kind: "first-response",
        dueAt: clock,
        breachedAt: clock,
      },
    ]);
    const stored = await harness.storage.getConversation(conversationId);
    expect(stored?.sla?.breachedAt).toBe(clock);

    // Answered: the clock stops, the breach stays on record.
    clock += 5_000;
    await say(agent, conversationId, "Sorry for the wait!");
    const answered = await updated(agent, conversationId, (c) => c.sla === undefined);
    expect(answered.slaBreaches).toBe(1);
    expect(answered.firstResponseAt).toBe(clock);

    // The visitor writes: next-response runs from that message, a second one does not move it.
    clock += 10_000;
    await say(visitor, conversationId, "No problem, so about my invoice");
    const next = await updated(agent, conversationId, (c) => c.sla?.kind === "next-response");
    expect(next.sla).toEqual({ kind: "next-response", startedAt: clock, dueAt: clock + 120_000 });
    clock += 1_000;
    await say(visitor, conversationId, "hello?");
    await delay(100);
    expect((await harness.storage.getConversation(conversationId))?.sla?.dueAt).toBe(next.sla?.dueAt);

    const frames = JSON.stringify(visitor.frames);
    for (const field of ["sla", "slaBreaches", "firstResponseAt", "dueAt"])
      expect(frames).not.toContain(`"${field}"`);
  });

  it("stops a running clock when the conversation is closed", async () => {
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await updated(agent, conversationId, (c) => c.status === "assigned");
    expect(await request(agent, { type: "close-conversation", conversationId })).toMatchObject({
      type: "conversation",
    });
    (await harness.relay) && (await new Promise((resolve) => setTimeout(resolve, 50)));
    clock += 120_000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    expect((await harness.storage.getConversation(conversationId))?.sla).toBeUndefined();
  });

  it("runs each priority on its own targets, and measures the clock again when the priority changes", async () => {
    await setRouting(harness, {
      queues: [
        {
          id: "support",
          strategy: "manual",
          sla: { firstResponseMs: 3_600_000, byPriority: { "10": { firstResponseMs: 300_000 } } },
        },
        { id: "urgent", strategy: "manual", priority: 20 },
        {
          id: "vip",
          strategy: "manual",
          priority: 10,
          sla: { firstResponseMs: 3_600_000, byPriority: { "10": { firstResponseMs: 120_000 } } },
        },
      ],
      rules: [{ when: { pageUrl: "https://app.acme.test/enterprise" }, queue: "support", priority: 10 }],
      defaultQueue: "support",
    });
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const normal = await startConversation(await connectVisitor(harness));
    const enterprise = await startConversation(
      await connectVisitor(harness, { page: { url: "https://app.acme.test/enterprise/billing" } }),
    );
    const created = async (id: string) =>
      (await agent.next("conversation-created", (f) => f.conversation.id === id)).conversation;
    expect((await created(normal)).sla).toEqual({
      kind: "first-response",
      startedAt: clock,
      dueAt: clock + 3_600_000,
    });
    const vip = await created(enterprise);
    expect(vip.priority).toBe(10);
    expect(vip.sla).toEqual({ kind: "first-response", startedAt: clock, dueAt: clock + 300_000 });

    // Moved to a queue of priority 10 after 4 minutes: 2 minutes from the start are already past
    // its target, so the clock is due at once and the sweep records the breach.
    const started = clock;
    clock += 240_000;
    const moved = await request(agent, { type: "transfer", conversationId: normal, to: { queueId: "vip" } });
    expect(moved).toMatchObject({
      type: "conversation",
      conversation: {
        priority: 10,
        sla: { kind: "first-response", startedAt: started, dueAt: started + 120_000 },
      },
    });
    const breached = await updated(agent, normal, (c) => c.sla?.breachedAt !== undefined);
    expect(breached.sla?.dueAt).toBe(started + 120_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "sla.breached", conversationId: normal, queueId: "vip" }),
    );

    // A queue without targets stops the other one's clock; nothing is breached later.
    const calm = await request(agent, {
      type: "transfer",
      conversationId: enterprise,
      to: { queueId: "urgent" },
    });
    expect(calm).toMatchObject({ type: "conversation", conversation: { priority: 20 } });
    expect(calm.type === "conversation" && calm.conversation.sla).toBeUndefined();
    clock += 3_600_000;
    await delay(100);
    expect(events.filter((e) => e.type === "sla.breached" && e.conversationId === enterprise)).toEqual([]);
  });
});
