import type { KeyedLimiter } from "./keyed-limiter.ts";
import { createMessageLine } from "./message-line.ts";
import type { RateLimits } from "./rate-limits.ts";
import { fullBucket, takeToken, waitMs } from "./token-bucket.ts";

/** Refused sends one socket may have waiting in line; far more than a client's outbox holds. */
const MAX_LINE = 1_000;

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
  /** A `send-message` refused by the frame budget for `waitMs`: held in order like one refused above. */
  refuseMessage(clientMsgId: string, now: number, waitMs: number): number;
}

export interface ConnectionLimitsOptions {
  limits: RateLimits;
  /** Visitor sockets: the visitor's shared budget and its key. */
  visitor?: { limiter: KeyedLimiter; visitorId: string } | undefined;
  now: number;
}

/**
 * Refused sends wait in a `MessageLine`, so messages are stored in the order they were sent however
 * the limits refuse them.
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
  const line = createMessageLine({
    tokenIntervalMs,
    // A client that never comes back for its message is given up on after a window.
    graceMs: Math.max(messageRate.windowMs, visitorRate?.windowMs ?? 0),
    maxLength: MAX_LINE,
  });

  const refuse = (clientMsgId: string, now: number, waitMs: number): number =>
    // Not at the head: at least a token's wait, even if a token is free (it is the head's).
    line.refuse(
      clientMsgId,
      now,
      line.mayPass(clientMsgId, now) ? waitMs : Math.max(waitMs, tokenIntervalMs),
    );

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
      const wait = Math.max(
        waitMs(messages, messageRate, now),
        visitor ? visitor.limiter.wait(visitor.visitorId, now) : 0,
      );
      if (wait > 0 || !line.mayPass(clientMsgId, now)) return refuse(clientMsgId, now, wait);
      takeToken(messages, messageRate, now);
      visitor?.limiter.take(visitor.visitorId, now);
      line.passed(clientMsgId);
      return 0;
    },
    refuseMessage: refuse,
  } satisfies ConnectionLimits;
}
