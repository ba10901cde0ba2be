import type { Rate } from "@relaydesk/sdk-types";
import { fullBucket, isFull, type TokenBucket, takeToken, waitMs } from "./token-bucket.ts";

/** One token bucket per key (a visitor id, a client address), all with the same rate. */
export interface KeyedLimiter {
  readonly rate: Rate;
  /** 0 when `key` may act now, else the ms until it may; spends nothing. */
  wait(key: string, now: number): number;
  /** Spend one of `key`'s tokens: 0 when spent, else the ms until one is available. */
  take(key: string, now: number): number;
  /** Keys currently held in memory. */
  readonly size: number;
}

export interface KeyedLimiterOptions {
  rate: Rate;
  /**
   * Most keys held at once. Past it, the key held longest is dropped (and would start afresh with a
   * full bucket): a flood of distinct keys costs bounded memory, never an unbounded map.
   */
  maxKeys?: number;
}

export const KEYED_LIMITER_DEFAULTS = { maxKeys: 100_000 } as const;

/** A sweep walks every key, so it runs at most this often however short the token interval. */
const MIN_SWEEP_INTERVAL_MS = 1_000;

/**
 * Per-key rate limiting with bounded memory. A key whose bucket has refilled completely is
 * indistinguishable from a key never seen, so it is forgotten: every token interval (window / count,
 * at least a second) the next `take` sweeps such keys out. Memory is then proportional to the keys
 * active in the last few token intervals, and `maxKeys` caps it even under a flood of new keys.
 *
 * @example
 * const perVisitor = createKeyedLimiter({ rate: { count: 20, windowMs: 20_000 } });
 * const wait = perVisitor.take(visitorId, Date.now()); // 0: go ahead; else retry after `wait` ms
 */
export function createKeyedLimiter(options: KeyedLimiterOptions): KeyedLimiter {
  const { rate } = options;
  const maxKeys = options.maxKeys ?? KEYED_LIMITER_DEFAULTS.maxKeys;
  const sweepIntervalMs = Math.max(MIN_SWEEP_INTERVAL_MS, rate.windowMs / rate.count);
  const buckets = new Map<string, TokenBucket>();
  let lastSweep = Number.NEGATIVE_INFINITY;

  const sweep = (now: number) => {
    lastSweep = now;
    for (const [key, bucket] of buckets) if (isFull(bucket, rate, now)) buckets.delete(key);
  };

  return {
    rate,
    wait(key, now) {
      const bucket = buckets.get(key);
      return bucket ? waitMs(bucket, rate, now) : 0;
    },
    take(key, now) {
      if (now - lastSweep >= sweepIntervalMs) sweep(now);
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          // A Map iterates in insertion order: the first key is the one held longest.
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        bucket = fullBucket(rate, now);
        buckets.set(key, bucket);
      }
      return takeToken(bucket, rate, now);
    },
    get size() {
      return buckets.size;
    },
  } satisfies KeyedLimiter;
}
