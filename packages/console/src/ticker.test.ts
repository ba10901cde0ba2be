import { effect } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTicker } from "./ticker.ts";

describe("createTicker", () => {
  beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
  afterEach(() => vi.useRealTimers());

  it("moves on every second while read, with one interval for all readers, and stops when unread", () => {
    const ticker = createTicker();
    const seenA: number[] = [];
    const seenB: number[] = [];
    const stopA = effect(() => void seenA.push(ticker.now.value));
    const stopB = effect(() => void seenB.push(ticker.now.value));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(seenA).toEqual([10_000, 11_000, 12_000]);
    expect(seenB).toEqual([10_000, 11_000, 12_000]);
    stopA();
    stopB();
    expect(vi.getTimerCount()).toBe(0);
  });
});
