import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retryDelay } from "./retry-delay.ts";

describe("retryDelay", () => {
  it("doubles from the base up to the cap, jittered into the upper half", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1_000, 5_000, 0.999999))).toEqual([
      1_000, 2_000, 4_000, 5_000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1_000, 5_000, 0))).toEqual([500, 1_000, 2_000, 2_500]);
  });

  it("stays within half and all of min(cap, base·2^(n-1)) for any attempt and jitter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 86_400_000 }),
        fc.integer({ min: 1, max: 7 * 86_400_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, base, cap, random) => {
          const ceiling = Math.min(cap, base * 2 ** (failures - 1));
          const delay = retryDelay(failures, base, cap, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        },
      ),
    );
  });
});
