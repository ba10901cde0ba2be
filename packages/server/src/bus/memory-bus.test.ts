import { describe, expect, it } from "vitest";
import { describeBusContract } from "./bus-contract.ts";
import { createMemoryBus, createMemoryHub } from "./memory-bus.ts";
import type { Bus } from "./types.ts";

describeBusContract("memory", async () => {
  const hub = createMemoryHub();
  // The contract makes a handler throw on purpose; keep that out of the test output.
  const quiet = { hub, onHandlerError: () => {} };
  const buses: [Bus, Bus] = [createMemoryBus(quiet), createMemoryBus(quiet)];
  return {
    buses,
    cleanup: async () => {
      await Promise.all(buses.map((bus) => bus.close()));
    },
  };
});

describe("createMemoryBus", () => {
  it("delivers after publish returns, never from inside it", async () => {
    const bus = createMemoryBus();
    const received: unknown[] = [];
    await bus.subscribe("t", (payload) => received.push(payload));
    const publishing = bus.publish("t", "hello");
    expect(received).toEqual([]);
    await publishing;
    await Promise.resolve();
    expect(received).toEqual(["hello"]);
    await bus.close();
  });

  it("drops deliveries still queued when unsubscribe is called", async () => {
    const bus = createMemoryBus();
    const received: unknown[] = [];
    const off = await bus.subscribe("t", (payload) => received.push(payload));
    const publishing = bus.publish("t", "queued");
    const leaving = off();
    await Promise.all([publishing, leaving]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual([]);
    await bus.close();
  });

  it("keeps buses without a shared hub apart, like unrelated clusters", async () => {
    const a = createMemoryBus();
    const b = createMemoryBus();
    const onB: unknown[] = [];
    const onA: unknown[] = [];
    await a.subscribe("t", (payload) => onA.push(payload));
    await b.subscribe("t", (payload) => onB.push(payload));
    await a.publish("t", "only a");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onA).toEqual(["only a"]);
    expect(onB).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it("reports a throwing handler with its topic", async () => {
    const errors: [unknown, string][] = [];
    const bus = createMemoryBus({ onHandlerError: (error, topic) => errors.push([error, topic]) });
    const boom = new Error("boom");
    await bus.subscribe("conversation:1", () => {
      throw boom;
    });
    await bus.publish("conversation:1", {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([[boom, "conversation:1"]]);
    await bus.close();
  });

  it("rejects a payload that could not cross a networked bus", async () => {
    const bus = createMemoryBus();
    await expect(bus.publish("t", { handler: () => {} })).rejects.toThrow();
    await expect(bus.publish("t", { list: [1, Symbol("s")] })).rejects.toThrow();
    await bus.close();
  });

  it("hands every handler one deeply frozen copy, dates and maps included", async () => {
    const bus = createMemoryBus();
    const seen: unknown[] = [];
    await bus.subscribe("t", (payload) => void seen.push(payload));
    await bus.subscribe("t", (payload) => void seen.push(payload));
    const at = new Date(5);
    const payload = { a: [{ b: 1 }, null, "c"], at, map: new Map([["k", { v: 1 }]]), none: undefined };
    await bus.publish("t", payload);
    at.setTime(6);
    payload.a.push("late");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toEqual({
      a: [{ b: 1 }, null, "c"],
      at: new Date(5),
      map: new Map([["k", { v: 1 }]]),
      none: undefined,
    });
    const copy = seen[0] as typeof payload;
    expect(copy.at).not.toBe(at);
    expect([copy, copy.a, copy.a[0], copy.at].every((value) => Object.isFrozen(value))).toBe(true);
    await bus.close();
  });
});
