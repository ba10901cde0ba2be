import type { KeyedLimiter } from "./keyed-limiter.ts";
import type { RateLimits } from "./rate-limits.ts";
import { fullBucket, takeToken, waitMs } from "./token-bucket.ts";

/**
 * The limits one socket is held to, checked as its frames arrive. Each check answers 0 (go ahead) or
 * the ms until the same thing would be let through, and allocates nothing.
 */
export interface ConnectionLimits {
  /** Every frame after `hello`. */
  frame(now: number): number;
  /** Frames refused in a row passed the frame budget again: the socket is flooding. */
  readonly flooding: boolean;
  /** A `typing` frame: false means drop it. */
  typing(now: number): boolean;
  /** A `send-message` with this clientMsgId: 0 means it may be stored. */
  message(clientMsgId: string, now: number): number;
}

export interface ConnectionLimitsOptions {
  limits: RateLimits;
  /** Visitor sockets: the visitor's shared budget and its key. */
  visitor?: { limiter: KeyedLimiter; visitorId: string } | undefined;
  now: number;
}

/**
 * Messages are refused in order. Once a `send-message` is refused, every other one on the socket is
 * refused too until that clientMsgId is sent again (and let through), so a client that resends its
 * refused message first cannot have a later message stored before it: a token that refills between
 * two pipelined sends would otherwise let the second in and put the two out of order. A client that
 * never resends it is released a window after its retry time.
 *
 * @example
 * const limits = createConnectionLimits({ limits: LIMIT_DEFAULTS, now: Date.now() });
 * const wait = limits.message("m1", Date.now()); // 0, or retry after `wait` ms
 */
export function createConnectionLimits(options: ConnectionLimitsOptions): ConnectionLimits {
  const { limits, visitor, now: start } = options;
  const frameRate = limits.framesPerConnection;
  const messageRate = limits.messagesPerConnection;
  const typingRate = limits.typingPerConnection;
  const frames = fullBucket(frameRate, start);
  const messages = fullBucket(messageRate, start);
  const typing = fullBucket(typingRate, start);
  let refusedInRow = 0;

  const visitorRate = visitor?.limiter.rate;
  const tokenIntervalMs = Math.ceil(
    Math.max(
      messageRate.windowMs / messageRate.count,
      visitorRate ? visitorRate.windowMs / visitorRate.count : 0,
    ),
  );
  const holdGraceMs = Math.max(messageRate.windowMs, visitorRate?.windowMs ?? 0);
  let held: string | null = null;
  let heldRetryAt = 0;

  return {
    frame(now) {
      const wait = takeToken(frames, frameRate, now);
      refusedInRow = wait === 0 ? 0 : refusedInRow + 1;
      return wait;
    },
    get flooding() {
      return refusedInRow > frameRate.count;
    },
    typing: (now) => takeToken(typing, typingRate, now) === 0,
    message(clientMsgId, now) {
      if (held !== null && held !== clientMsgId) {
        if (now < heldRetryAt + holdGraceMs) return Math.max(heldRetryAt - now, tokenIntervalMs);
        held = null;
      }
      const wait = Math.max(
        waitMs(messages, messageRate, now),
        visitor ? visitor.limiter.wait(visitor.visitorId, now) : 0,
      );
      if (wait > 0) {
        held ??= clientMsgId;
        heldRetryAt = now + wait;
        return wait;
      }
      takeToken(messages, messageRate, now);
      visitor?.limiter.take(visitor.visitorId, now);
      held = null;
      return 0;
    },
  } satisfies ConnectionLimits;
}
