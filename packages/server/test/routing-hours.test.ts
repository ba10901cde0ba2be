import { afterEach, describe, expect, it } from "vitest";
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
import { offersTo, setRouting, updated } from "./routing-helpers.ts";

// Monday 2026-11-23 09:00 UTC: when the "office" queue below opens.
const OPENS = Date.UTC(2026, 10, 23, 9, 0);
const office = {
  queues: [
    {
      id: "office",
      strategy: "round-robin",
      businessHours: { timeZone: "UTC", weekly: { mon: [["09:00", "17:00"]] }, holidays: [] },
    },
  ],
  defaultQueue: "office",
};

let harness: Harness;
let events: RelayEvent[];
afterEach(async () => {
  await harness.stop();
});

/** A relay whose clock runs in real time from `lead` ms before the queue opens. */
async function start(lead: number) {
  events = [];
  const base = OPENS - lead;
  const started = Date.now();
  harness = await startHarness({
    now: () => base + (Date.now() - started),
    onEvent: (e) => (e.type === "sla.breached" || e.type === "conversation.offline") && events.push(e),
  });
  return () => base + (Date.now() - started);
}

describe("business hours", () => {
  it("tells the visitor of a closed queue when it opens, takes an email, and offers the conversation at the opening", async () => {
    const now = await start(2_000);
    await setRouting(harness, office);
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);

    const closed = await visitor.next("availability", (f) => f.conversationId === conversationId);
    expect(closed).toEqual({
      type: "availability",
      conversationId,
      open: false,
      reason: "closed",
      nextOpeningAt: OPENS,
    });
    expect(offersTo(agent)).toEqual([]);

    const bad = await request(visitor, { type: "leave-email", conversationId, email: "not an address" });
    expect(bad).toMatchObject({
      type: "error",
      message: expect.stringContaining("email must be an address"),
    });
    const reply = await request(visitor, { type: "leave-email", conversationId, email: " ana@example.com " });
    expect(reply.type).toBe("conversation");
    expect(JSON.stringify(reply)).not.toContain("ana@example.com"); // the visitor's copy leaves it out
    expect((await updated(agent, conversationId, (c) => c.offlineEmail !== undefined)).offlineEmail).toBe(
      "ana@example.com",
    );
    expect((await harness.storage.getConversation(conversationId))?.offlineEmail).toBe("ana@example.com");
    expect(events.filter((e) => e.type === "conversation.offline")).toEqual([
      expect.objectContaining({ conversationId, reason: "closed", nextOpeningAt: OPENS, email: null }),
      expect.objectContaining({
        conversationId,
        reason: "closed",
        nextOpeningAt: OPENS,
        email: "ana@example.com",
      }),
    ]);

    // Nothing else happens: the relay's own timer re-routes at the opening.
    const offer = await agent.next("offer", (f) => f.conversation.id === conversationId, 6_000);
    expect(now()).toBeGreaterThanOrEqual(OPENS);
    expect(offer.conversation.offlineEmail).toBe("ana@example.com");
    expect(await visitor.next("availability", (f) => f.open)).toEqual({
      type: "availability",
      conversationId,
      open: true,
    });
  });

  it("says nobody is online, and offers the conversation once an agent comes online", async () => {
    await start(-60_000); // an hour into opening hours
    await setRouting(harness, office);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    expect(await visitor.next("availability")).toEqual({
      type: "availability",
      conversationId,
      open: false,
      reason: "nobody-online",
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: "conversation.offline",
        conversationId,
        reason: "nobody-online",
        nextOpeningAt: null,
      }),
    ]);
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    await agent.next("offer", (f) => f.conversation.id === conversationId);
    await visitor.next("availability", (f) => f.open);
  });

  it("tells a visitor who connects again (a reload) what its waiting conversation was told, and nobody else", async () => {
    await start(-60_000);
    await setRouting(harness, office);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const told = await visitor.next("availability");
    expect(told).toMatchObject({ conversationId, open: false, reason: "nobody-online" });
    visitor.close();

    const reloaded = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(await reloaded.next("availability")).toEqual(told);
    const stranger = await connectVisitor(harness);
    await delay(200);
    expect(stranger.frames.filter((f) => f.type === "availability" || f.type === "queue-position")).toEqual(
      [],
    );
    // Still once per change: the relay does not repeat it to the sockets already told.
    expect(reloaded.frames.filter((f) => f.type === "availability")).toHaveLength(1);
  });

  it("says nothing about availability when the queue is open and staffed", async () => {
    await start(-60_000);
    await setRouting(harness, office);
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await updated(visitor, conversationId, (c) => c.status === "assigned");
    await delay(100);
    expect(visitor.frames.filter((f) => f.type === "availability")).toEqual([]);
    expect(events).toEqual([]);
    agent.close();
  });

  it("refuses leave-email from agents and for conversations the visitor cannot see", async () => {
    await start(2_000);
    await setRouting(harness, office);
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const other = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    expect(
      await request(other, { type: "leave-email", conversationId, email: "x@example.com" }),
    ).toMatchObject({
      type: "error",
      code: "not-found",
    });
    expect(
      await request(agent, { type: "leave-email", conversationId, email: "x@example.com" }),
    ).toMatchObject({
      type: "error",
    });
    expect((await harness.storage.getConversation(conversationId))?.offlineEmail).toBeUndefined();
  });
});
