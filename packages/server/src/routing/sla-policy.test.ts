import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SlaPolicy, slaTargetsFor } from "./sla-policy.ts";

const policy: SlaPolicy = {
  firstResponseMs: 3_600_000,
  nextResponseMs: 7_200_000,
  byPriority: [
    { minPriority: 10, firstResponseMs: 300_000, nextResponseMs: 600_000 },
    { minPriority: 5, firstResponseMs: 900_000 },
  ],
};

describe("slaTargetsFor", () => {
  it("gives each priority the tier at or below it, over the base targets", () => {
    expect(slaTargetsFor(policy, 0)).toEqual({ firstResponseMs: 3_600_000, nextResponseMs: 7_200_000 });
    expect(slaTargetsFor(policy, 5)).toEqual({ firstResponseMs: 900_000, nextResponseMs: 7_200_000 });
    expect(slaTargetsFor(policy, 9)).toEqual({ firstResponseMs: 900_000, nextResponseMs: 7_200_000 });
    expect(slaTargetsFor(policy, 15)).toEqual({ firstResponseMs: 300_000, nextResponseMs: 600_000 });
    expect(slaTargetsFor({ byPriority: [{ minPriority: 10, firstResponseMs: 1_000 }] }, 3)).toEqual({
      firstResponseMs: undefined,
      nextResponseMs: undefined,
    });
  });

  it("never gives a higher priority a longer target when the tiers tighten (in any order)", () => {
    const tier = fc.record({
      minPriority: fc.integer({ min: -50, max: 50 }),
      firstResponseMs: fc.integer({ min: 1_000, max: 1e7 }),
    });
    fc.assert(
      fc.property(
        fc.array(tier, { maxLength: 6 }),
        fc.integer({ min: -60, max: 60 }),
        fc.nat(20),
        (tiers, low, step) => {
          // Tighten: the higher the threshold, the shorter the target.
          const sorted = [...tiers].sort((a, b) => a.minPriority - b.minPriority);
          const tight = sorted.map((t, i) => ({ ...t, firstResponseMs: 1e8 - i * 1e6 }));
          const shuffled = [...tight].reverse();
          const base = { firstResponseMs: 2e8, byPriority: shuffled };
          const a = slaTargetsFor(base, low).firstResponseMs!;
          const b = slaTargetsFor(base, low + step).firstResponseMs!;
          expect(b).toBeLessThanOrEqual(a);
          // The chosen tier is the highest threshold at or below the priority.
          const expected = sorted.filter((t) => t.minPriority <= low).at(-1);
          if (expected === undefined) expect(a).toBe(2e8);
          else expect(a).toBeLessThanOrEqual(1e8);
        },
      ),
    );
  });
});
