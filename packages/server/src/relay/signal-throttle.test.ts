import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSignalThrottle } from "./signal-throttle.ts";

describe("createSignalThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes the first at once and collapses the rest of the window into the latest", () => {
    const throttle = createSignalThrottle({ intervalMs: 1_000, now: Date.now });
    const sent: number[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      throttle.submit("read:c1:visitor:v1", () => sent.push(seq));
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(600);
    expect(sent).toEqual([1, 5]);
    // Keys are independent.
    throttle.submit("read:c2:visitor:v1", () => sent.push(99));
    expect(sent).toEqual([1, 5, 99]);
  });

  it("sends an urgent signal at once and drops the pending one before it", () => {
    const throttle = createSignalThrottle({ intervalMs: 1_000, now: Date.now });
    const sent: string[] = [];
    throttle.submit("typing", () => sent.push("on"));
    throttle.submit("typing", () => sent.push("on again"));
    throttle.submit("typing", () => sent.push("off"), true);
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual(["on", "off"]);
    throttle.submit("typing", () => sent.push("on 2"));
    expect(sent).toEqual(["on", "off", "on 2"]);
    throttle.close();
  });
});
