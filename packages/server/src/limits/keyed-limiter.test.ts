import { describe, expect, it } from "vitest";
import { createKeyedLimiter } from "./keyed-limiter.ts";
import { fullBucket, takeToken } from "./token-bucket.ts";

const rate = { count: 5, windowMs: 1_000 };

describe("token bucket", () => {
  it("lets a burst of count through, refuses the next with the wait for one token, refills evenly", () => {
    const bucket = fullBucket(rate, 0);
    for (let i = 0; i < 5; i++) expect(takeToken(bucket, rate, 0)).toBe(0);
    expect(takeToken(bucket, rate, 0)).toBe(200);
    expect(takeToken(bucket, rate, 150)).toBe(50);
    expect(takeToken(bucket, rate, 200)).toBe(0);
    expect(takeToken(bucket, rate, 200)).toBe(200);
    // A whole window refills the whole burst, never more.
    expect(takeToken(bucket, rate, 10_000)).toBe(0);
    for (let i = 0; i < 4; i++) expect(takeToken(bucket, rate, 10_000)).toBe(0);
    expect(takeToken(bucket, rate, 10_000)).toBeGreaterThan(0);
  });

  it("refills nothing when the clock goes backwards", () => {
    const bucket = fullBucket(rate, 1_000);
    for (let i = 0; i < 5; i++) takeToken(bucket, rate, 1_000);
    expect(takeToken(bucket, rate, 500)).toBe(200);
    expect(takeToken(bucket, rate, 1_200)).toBe(0);
  });
});

describe("createKeyedLimiter", () => {
  it("keeps one budget per key", () => {
    const limiter = createKeyedLimiter({ rate });
    for (let i = 0; i < 5; i++) expect(limiter.take("a", 0)).toBe(0);
    expect(limiter.take("a", 0)).toBe(200);
    expect(limiter.wait("a", 0)).toBe(200);
    expect(limiter.wait("b", 0)).toBe(0);
    expect(limiter.take("b", 0)).toBe(0);
  });

  it("wait spends nothing", () => {
    const limiter = createKeyedLimiter({ rate: { count: 1, windowMs: 1_000 } });
    expect(limiter.wait("a", 0)).toBe(0);
    expect(limiter.wait("a", 0)).toBe(0);
    expect(limiter.take("a", 0)).toBe(0);
    expect(limiter.wait("a", 0)).toBe(1_000);
  });

  it("forgets 100,000 keys once their buckets have refilled, keeping the busy ones", () => {
    const limiter = createKeyedLimiter({ rate: { count: 10, windowMs: 60_000 }, maxKeys: 1_000_000 });
    for (let i = 0; i < 100_000; i++) limiter.take(`visitor-${i}`, i % 1_000);
    expect(limiter.size).toBe(100_000);
    // A key that is still short of tokens stays, with its budget.
    for (let i = 0; i < 10; i++) limiter.take("busy", 60_000);
    // Each key spent one token, back after window / count = 6 s; the next take after that sweeps.
    limiter.take("late", 61_000 + 6_000);
    expect(limiter.size).toBe(2);
    expect(limiter.take("busy", 67_000)).toBe(0);
    expect(limiter.take("busy", 67_000)).toBeGreaterThan(0);
  });

  it("never holds more than maxKeys, dropping the key held longest", () => {
    const limiter = createKeyedLimiter({ rate: { count: 1, windowMs: 3_600_000 }, maxKeys: 1_000 });
    for (let i = 0; i < 5_000; i++) limiter.take(`ip-${i}`, 0);
    expect(limiter.size).toBe(1_000);
    // The newest keys are the ones kept, still spent.
    expect(limiter.wait("ip-4999", 0)).toBeGreaterThan(0);
    expect(limiter.wait("ip-0", 0)).toBe(0);
  });
});
