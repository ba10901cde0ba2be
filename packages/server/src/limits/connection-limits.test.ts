import { describe, expect, it } from "vitest";
import { createConnectionCounter } from "./connection-counter.ts";
import { createConnectionLimits } from "./connection-limits.ts";
import { createKeyedLimiter } from "./keyed-limiter.ts";
import { LIMIT_DEFAULTS, type RateLimits } from "./rate-limits.ts";

const limits: RateLimits = {
  ...LIMIT_DEFAULTS,
  framesPerConnection: { count: 4, windowMs: 1_000 },
  messagesPerConnection: { count: 100, windowMs: 1_000 },
  typingPerConnection: { count: 2, windowMs: 1_000 },
  messagesPerVisitor: { count: 3, windowMs: 3_000 },
};

function visitorLimits(limiter = createKeyedLimiter({ rate: limits.messagesPerVisitor })) {
  return createConnectionLimits({ limits, visitor: { limiter, visitorId: "v1" }, now: 0 });
}

describe("createConnectionLimits", () => {
  it("counts frames and calls a socket flooding once it sent a whole budget more without one let through", () => {
    const connection = createConnectionLimits({ limits, now: 0 });
    for (let i = 0; i < 4; i++) expect(connection.frame(0)).toBe(0);
    for (let i = 0; i < 4; i++) expect(connection.frame(0)).toBe(250);
    expect(connection.flooding).toBe(false);
    expect(connection.frame(0)).toBe(250);
    expect(connection.flooding).toBe(true);
    // One let through ends the run: a client that paused is not flooding.
    expect(connection.frame(250)).toBe(0);
    expect(connection.flooding).toBe(false);
  });

  it("drops typing past its budget", () => {
    const connection = createConnectionLimits({ limits, now: 0 });
    expect([connection.typing(0), connection.typing(0), connection.typing(0)]).toEqual([true, true, false]);
    expect(connection.typing(500)).toBe(true);
  });

  it("shares the visitor's budget between its sockets", () => {
    const limiter = createKeyedLimiter({ rate: limits.messagesPerVisitor });
    const tab1 = visitorLimits(limiter);
    const tab2 = visitorLimits(limiter);
    expect(tab1.message("a", 0)).toBe(0);
    expect(tab2.message("b", 0)).toBe(0);
    expect(tab1.message("c", 0)).toBe(0);
    expect(tab2.message("d", 0)).toBe(1_000);
  });

  it("after refusing a message, lets none overtake it, however tokens come back", () => {
    const connection = visitorLimits();
    for (const id of ["m1", "m2", "m3"]) expect(connection.message(id, 0)).toBe(0);
    expect(connection.message("m4", 900)).toBe(100);
    // Told a token interval apart: m5 is due a second after m4.
    expect(connection.message("m5", 900)).toBe(1_100);
    // m6 is new and arrives when a token is free, but m4 and m5 are waiting: it queues behind them.
    expect(connection.message("m6", 1_000)).toBe(2_000);
    expect(connection.message("m5", 1_000)).toBe(1_000);
    expect(connection.message("m4", 1_000)).toBe(0);
    expect(connection.message("m6", 2_000)).toBeGreaterThan(0);
    expect(connection.message("m5", 2_000)).toBe(0);
    expect(connection.message("m6", 3_000)).toBe(0);
    // The line is empty again: a new message goes straight through when a token is free.
    expect(connection.message("m7", 4_000)).toBe(0);
  });

  it("keeps a send refused by the frame budget in line too", () => {
    const connection = visitorLimits();
    expect(connection.refuseMessage("m1", 0, 50)).toBe(50);
    expect(connection.message("m2", 60)).toBeGreaterThan(0);
    expect(connection.message("m1", 60)).toBe(0);
    expect(connection.message("m2", 60)).toBe(0);
  });

  it("stops waiting for a refused message the client never sends again", () => {
    const connection = visitorLimits();
    for (const id of ["m1", "m2", "m3"]) connection.message(id, 0);
    expect(connection.message("gone", 0)).toBe(1_000);
    expect(connection.message("next", 3_000)).toBeGreaterThan(0);
    expect(connection.message("next", 4_001)).toBe(0);
  });

  it("agents have no visitor budget, only their socket's", () => {
    const connection = createConnectionLimits({
      limits: { ...limits, messagesPerConnection: { count: 2, windowMs: 1_000 } },
      now: 0,
    });
    expect([connection.message("a", 0), connection.message("b", 0), connection.message("c", 0)]).toEqual([
      0, 0, 500,
    ]);
  });
});

describe("createConnectionCounter", () => {
  it("refuses the one past max and lets one in again after a close; empty keys are dropped", () => {
    const counter = createConnectionCounter(2);
    expect([counter.open("a"), counter.open("a"), counter.open("a")]).toEqual([true, true, false]);
    expect(counter.open("b")).toBe(true);
    counter.close("a");
    expect(counter.open("a")).toBe(true);
    counter.close("a");
    counter.close("a");
    counter.close("b");
    expect(counter.size).toBe(0);
  });
});
