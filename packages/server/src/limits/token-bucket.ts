import type { Rate } from "@relaydesk/sdk-types";

/**
 * A token bucket as plain data: `tokens` left at time `at`. It holds at most `rate.count` tokens
 * and refills evenly, `rate.count` every `rate.windowMs`, so a client may spend a burst of `count`
 * at once and then `count` per window. Plain numbers mutated in place: checking costs no allocation,
 * which matters because every inbound frame is checked.
 */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/** A bucket that is full at `now` (a key seen for the first time has its whole budget). */
export function fullBucket(rate: Rate, now: number): TokenBucket {
  return { tokens: rate.count, at: now };
}

/** Refill up to `now`, then: 0 when a token is available, else the ms until one is (at least 1). */
export function waitMs(bucket: TokenBucket, rate: Rate, now: number): number {
  // A clock that went backwards (a test's fake clock, an NTP step) refills nothing.
  if (now > bucket.at) {
    bucket.tokens = Math.min(rate.count, bucket.tokens + ((now - bucket.at) * rate.count) / rate.windowMs);
    bucket.at = now;
  }
  if (bucket.tokens >= 1) return 0;
  return Math.max(1, Math.ceil(((1 - bucket.tokens) * rate.windowMs) / rate.count));
}

/** Spend one token if there is one: 0 when spent, else the ms until one is available. */
export function takeToken(bucket: TokenBucket, rate: Rate, now: number): number {
  const wait = waitMs(bucket, rate, now);
  if (wait === 0) bucket.tokens -= 1;
  return wait;
}

/** Whether the bucket has refilled completely by `now`: then it says nothing a new one would not. */
export function isFull(bucket: TokenBucket, rate: Rate, now: number): boolean {
  return bucket.tokens + (Math.max(0, now - bucket.at) * rate.count) / rate.windowMs >= rate.count;
}
