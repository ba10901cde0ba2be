import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextDelay } from "./backoff.ts";

const options = { reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1000, reconnectGrowFactor: 2 };
const top = () => 0.999_999;

describe("nextDelay", () => {
  it("grows by the factor per attempt until the cap", () => {
    const delays = [0, 1, 2, 3, 4, 5, 50].map((attempt) => nextDelay(attempt, options, top));
    expect(delays).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it("spreads delays over the whole window (full jitter)", () => {
    expect(nextDelay(3, options, () => 0)).toBe(0);
    expect(nextDelay(3, options, () => 0.5)).toBe(400);
  });

  it("stays within [0, cap] and under the exponential ceiling for any input", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, initial, cap, factor, r) => {
          const opts = {
            reconnectInitialDelayMs: initial,
            reconnectMaxDelayMs: cap,
            reconnectGrowFactor: factor,
          };
          const delay = nextDelay(attempt, opts, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(cap);
          expect(delay).toBeLessThanOrEqual(initial === 0 ? 0 : initial * factor ** attempt);
        },
      ),
    );
  });

  it("treats a misbehaving random source as no jitter instead of producing NaN", () => {
    expect(nextDelay(1, options, () => Number.NaN)).toBe(0);
    expect(nextDelay(1, options, () => 7)).toBe(0);
  });
});
