import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advanceSla, breachAt, nextDue, retargetSla, type SlaClock, type SlaEvent } from "./sla-clock.ts";

const targets = { firstResponseMs: 60_000, nextResponseMs: 300_000 };

describe("advanceSla", () => {
  it("runs first-response from the start until an agent writes", () => {
    const started = advanceSla(null, { type: "started", at: 1_000 }, targets, false);
    expect(started).toEqual({ kind: "first-response", startedAt: 1_000, dueAt: 61_000 });
    // The visitor writing again does not push the answer back.
    expect(advanceSla(started, { type: "visitor-message", at: 30_000 }, targets, false)).toBe(started);
    expect(advanceSla(started, { type: "agent-message", at: 40_000 }, targets, false)).toBeNull();
  });

  it("runs next-response from a visitor message that follows an agent's", () => {
    const next = advanceSla(null, { type: "visitor-message", at: 100_000 }, targets, true);
    expect(next).toEqual({ kind: "next-response", startedAt: 100_000, dueAt: 400_000 });
    expect(advanceSla(next, { type: "visitor-message", at: 200_000 }, targets, true)).toBe(next);
  });

  it("runs no clock the queue has no target for", () => {
    expect(advanceSla(null, { type: "started", at: 0 }, { nextResponseMs: 1_000 }, false)).toBeNull();
    expect(advanceSla(null, { type: "visitor-message", at: 0 }, { firstResponseMs: 1_000 }, true)).toBeNull();
  });

  it("always has a clock waiting on agents exactly while the visitor awaits an answer", () => {
    const eventArb = fc.array(fc.constantFrom("visitor-message", "agent-message" as const), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(eventArb, (kinds) => {
        let clock = advanceSla(null, { type: "started", at: 0 }, targets, false);
        let answered = false;
        let awaitingSince: number | null = 0;
        kinds.forEach((type, i) => {
          const event = { type, at: (i + 1) * 1_000 } as SlaEvent;
          clock = advanceSla(clock, event, targets, answered);
          if (type === "agent-message") {
            answered = true;
            awaitingSince = null;
          } else awaitingSince ??= event.at;
          if (awaitingSince === null) expect(clock).toBeNull();
          else {
            // Due from the first unanswered visitor message (or the start), by the right target.
            const kind = answered ? "next-response" : "first-response";
            expect(clock).toEqual({
              kind,
              startedAt: awaitingSince,
              dueAt: awaitingSince + targets[answered ? "nextResponseMs" : "firstResponseMs"],
            });
          }
        });
      }),
    );
  });
});

describe("breachAt and nextDue", () => {
  it("breaches once, at or after the due time", () => {
    const clock: SlaClock = { kind: "first-response", dueAt: 100 };
    expect(breachAt(clock, 99)).toBeNull();
    const breached = breachAt(clock, 100);
    expect(breached).toEqual({ kind: "first-response", dueAt: 100, breachedAt: 100 });
    expect(breachAt(breached, 200)).toBeNull();
    expect(breachAt(null, 200)).toBeNull();
  });

  it("wakes at the earliest clock not yet breached", () => {
    expect(
      nextDue([
        null,
        { kind: "first-response", dueAt: 50, breachedAt: 60 },
        { kind: "next-response", dueAt: 300 },
        { kind: "first-response", dueAt: 200 },
      ]),
    ).toBe(200);
    expect(nextDue([])).toBeNull();
  });
});

describe("retargetSla", () => {
  const running: SlaClock = { kind: "first-response", startedAt: 1_000, dueAt: 3_601_000 };

  it("measures a running clock again from its start", () => {
    expect(retargetSla(running, { firstResponseMs: 300_000 }, null)).toEqual({
      kind: "first-response",
      startedAt: 1_000,
      dueAt: 301_000,
    });
    // Same targets: the same object back, so callers can skip the write.
    expect(retargetSla(running, { firstResponseMs: 3_600_000 }, null)).toBe(running);
  });

  it("keeps a breach, stops a kind without a target, starts an unanswered conversation's clock", () => {
    const breached = { ...running, breachedAt: 4_000_000 };
    expect(retargetSla(breached, { firstResponseMs: 10_000_000 }, null)).toBe(breached);
    expect(retargetSla(running, { nextResponseMs: 60_000 }, null)).toBeNull();
    expect(retargetSla(null, { firstResponseMs: 60_000 }, { createdAt: 500 })).toEqual({
      kind: "first-response",
      startedAt: 500,
      dueAt: 60_500,
    });
    expect(retargetSla(null, { firstResponseMs: 60_000, nextResponseMs: 60_000 }, null)).toBeNull();
    // A clock stored before startedAt existed cannot be measured again: it stays.
    const legacy: SlaClock = { kind: "next-response", dueAt: 9_000 };
    expect(retargetSla(legacy, { nextResponseMs: 1_000 }, null)).toBe(legacy);
  });

  it("agrees with a clock started on the new targets, whatever the targets", () => {
    const target = fc.option(fc.integer({ min: 1_000, max: 10_000_000 }), { nil: undefined });
    fc.assert(
      fc.property(target, target, target, fc.integer({ min: 0, max: 1e12 }), (a, b, c, at) => {
        const before = advanceSla(null, { type: "started", at }, { firstResponseMs: a }, false);
        const after = retargetSla(before, { firstResponseMs: b, nextResponseMs: c }, { createdAt: at });
        expect(after).toEqual(advanceSla(null, { type: "started", at }, { firstResponseMs: b }, false));
      }),
    );
  });
});
