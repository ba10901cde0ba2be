import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelaydeskError } from "../errors.ts";
import type { Bus } from "./types.ts";

export interface BusesUnderTest {
  /** Two buses standing for two relay nodes that share one bus (one hub, one Redis). */
  buses: [Bus, Bus];
  /** Release what `create` made; called after each test, also after the buses were closed. */
  cleanup: () => Promise<void>;
}

/** How long to wait for deliveries that must arrive, and how long to listen for ones that must not. */
const DELIVERY_TIMEOUT_MS = 5_000;
const QUIET_MS = 50;

/**
 * The behaviour every `Bus` implementation must have. Delivery may be asynchronous (over a
 * network), so the suite waits for what must arrive and, to show that something did not arrive,
 * publishes a marker after it and checks once the marker is in (plus a short quiet period).
 *
 * @example
 * describeBusContract("memory", async () => {
 *   const hub = createMemoryHub();
 *   const buses: [Bus, Bus] = [createMemoryBus({ hub }), createMemoryBus({ hub })];
 *   return { buses, cleanup: async () => { await Promise.all(buses.map((bus) => bus.close())); } };
 * });
 */
export function describeBusContract(name: string, create: () => Promise<BusesUnderTest>): void {
  describe(`Bus contract: ${name}`, () => {
    let a: Bus;
    let b: Bus;
    let cleanup: () => Promise<void>;
    let topicCounter = 0;
    /** A topic no earlier test used, so that a networked bus shared between runs stays clean. */
    const topic = (label: string) => `contract:${Date.now()}:${process.pid}:${++topicCounter}:${label}`;

    beforeEach(async () => {
      ({
        buses: [a, b],
        cleanup,
      } = await create());
    });
    afterEach(async () => {
      await cleanup();
    });

    /** A handler that records what it got. */
    function recorder() {
      const received: unknown[] = [];
      return { received, handler: (payload: unknown) => void received.push(payload) };
    }

    async function until(condition: () => boolean, what: string): Promise<void> {
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }

    const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

    it("delivers a publication to the topic's subscribers on both nodes, from either node", async () => {
      const t = topic("fanout");
      const onA = recorder();
      const onB = recorder();
      await a.subscribe(t, onA.handler);
      await b.subscribe(t, onB.handler);
      await a.publish(t, { type: "message-created", seq: 1 });
      await b.publish(t, { type: "message-created", seq: 2 });
      await until(() => onA.received.length === 2 && onB.received.length === 2, "both nodes");
      const expected = [
        { type: "message-created", seq: 1 },
        { type: "message-created", seq: 2 },
      ];
      expect(onA.received).toEqual(expected);
      expect(onB.received).toEqual(expected);
    });

    it("does not deliver to subscribers of other topics", async () => {
      const mine = topic("mine");
      const other = topic("other");
      const onMine = recorder();
      const onOther = recorder();
      await a.subscribe(mine, onMine.handler);
      await b.subscribe(other, onOther.handler);
      await a.publish(mine, "for mine");
      await b.publish(mine, "for mine too");
      await a.publish(other, "marker");
      await until(() => onMine.received.length === 2 && onOther.received.length === 1, "deliveries");
      await quiet();
      expect(onMine.received).toEqual(["for mine", "for mine too"]);
      expect(onOther.received).toEqual(["marker"]);
    });

    it("keeps the order of 1,000 publications on both nodes", async () => {
      const t = topic("order");
      const onA = recorder();
      const onB = recorder();
      await a.subscribe(t, onA.handler);
      await b.subscribe(t, onB.handler);
      const sends: Promise<void>[] = [];
      for (let n = 0; n < 1000; n++) sends.push(a.publish(t, { n }));
      await Promise.all(sends);
      await until(() => onA.received.length >= 1000 && onB.received.length >= 1000, "1,000 publications");
      await quiet();
      const expected = Array.from({ length: 1000 }, (_, n) => ({ n }));
      expect(onA.received).toEqual(expected);
      expect(onB.received).toEqual(expected);
    });

    it("stops delivering to a handler once its unsubscribe resolved, on either node", async () => {
      const t = topic("unsubscribe");
      const leavingA = recorder();
      const leavingB = recorder();
      const staying = recorder();
      const offA = await a.subscribe(t, leavingA.handler);
      const offB = await b.subscribe(t, leavingB.handler);
      await b.subscribe(t, staying.handler);
      await a.publish(t, "before");
      await until(() => leavingA.received.length === 1 && leavingB.received.length === 1, "the first one");
      await offA();
      await offB();
      await a.publish(t, "after");
      await b.publish(t, "after, from b");
      await until(() => staying.received.length === 3, "the staying handler");
      await quiet();
      expect(leavingA.received).toEqual(["before"]);
      expect(leavingB.received).toEqual(["before"]);
      expect(staying.received).toEqual(["before", "after", "after, from b"]);
    });

    it("delivers nothing after unsubscribe resolved, not even publications already under way", async () => {
      const t = topic("unsubscribe-in-flight");
      let unsubscribed = false;
      const late: unknown[] = [];
      const staying = recorder();
      const off = await a.subscribe(t, (payload) => {
        if (unsubscribed) late.push(payload);
      });
      await b.subscribe(t, staying.handler);
      const sends = [0, 1, 2, 3, 4].map((n) => a.publish(t, n));
      await off();
      unsubscribed = true;
      await Promise.all(sends);
      await a.publish(t, "marker");
      await until(() => staying.received.includes("marker"), "the marker");
      await quiet();
      expect(late).toEqual([]);
    });

    it("keeps delivering to other handlers when one throws", async () => {
      const t = topic("throwing");
      const before = recorder();
      const after = recorder();
      const remote = recorder();
      await a.subscribe(t, before.handler);
      await a.subscribe(t, () => {
        throw new Error("handler failure (expected by this test)");
      });
      await a.subscribe(t, after.handler);
      await b.subscribe(t, remote.handler);
      await a.publish(t, 1);
      await a.publish(t, 2);
      await until(() => after.received.length === 2 && remote.received.length === 2, "the healthy handlers");
      expect(before.received).toEqual([1, 2]);
      expect(after.received).toEqual([1, 2]);
      expect(remote.received).toEqual([1, 2]);
    });

    it("keeps the payload a handler sees safe from other handlers and from the publisher", async () => {
      const t = topic("copies");
      const seen: unknown[] = [];
      // The first handler vandalises what it got; the others must not notice.
      // A frozen payload makes the vandal throw, which the bus must contain like any throwing handler.
      await a.subscribe(t, (payload) => {
        try {
          (payload as { body: string; tags: string[] }).body = "changed";
          (payload as { body: string; tags: string[] }).tags.push("changed");
        } catch {}
      });
      await a.subscribe(t, (payload) => void seen.push(payload));
      await b.subscribe(t, (payload) => void seen.push(payload));
      const payload = { body: "original", tags: ["a"] };
      await a.publish(t, payload);
      payload.body = "changed by the publisher";
      payload.tags.push("x");
      await until(() => seen.length === 2, "both copies");
      expect(seen).toEqual([
        { body: "original", tags: ["a"] },
        { body: "original", tags: ["a"] },
      ]);
    });

    it("delivers exactly once per subscription, also with several handlers on one topic and node", async () => {
      const t = topic("once");
      const first = recorder();
      const second = recorder();
      const remote = recorder();
      await a.subscribe(t, first.handler);
      await a.subscribe(t, second.handler);
      await b.subscribe(t, remote.handler);
      for (let n = 0; n < 20; n++) await (n % 2 ? a : b).publish(t, n);
      await until(() => [first, second, remote].every((r) => r.received.length >= 20), "20 publications");
      await quiet();
      const expected = Array.from({ length: 20 }, (_, n) => n);
      expect(first.received).toEqual(expected);
      expect(second.received).toEqual(expected);
      expect(remote.received).toEqual(expected);
    });

    it("does not replay earlier publications to a new subscriber", async () => {
      const t = topic("no-replay");
      const early = recorder();
      await a.subscribe(t, early.handler);
      await a.publish(t, "old news");
      await until(() => early.received.length === 1, "the early subscriber");
      const late = recorder();
      await b.subscribe(t, late.handler);
      await a.publish(t, "news");
      await until(() => late.received.length === 1 && early.received.length === 2, "the late subscriber");
      await quiet();
      expect(late.received).toEqual(["news"]);
    });

    it("rejects publish and subscribe after close, while the other node carries on", async () => {
      const t = topic("close");
      const onB = recorder();
      const onA = recorder();
      await a.subscribe(t, onA.handler);
      await b.subscribe(t, onB.handler);
      await a.close();
      await a.close();
      await expect(a.publish(t, "x")).rejects.toBeInstanceOf(RelaydeskError);
      await expect(a.publish(t, "x")).rejects.toMatchObject({ code: "bus-closed" });
      await expect(a.subscribe(t, () => {})).rejects.toMatchObject({ code: "bus-closed" });
      await b.publish(t, "still working");
      await until(() => onB.received.length === 1, "the open node");
      await quiet();
      expect(onA.received).toEqual([]);
    });
  });
}
